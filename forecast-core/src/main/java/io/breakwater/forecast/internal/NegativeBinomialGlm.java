package io.breakwater.forecast.internal;

import java.util.List;

/**
 * A negative-binomial regression with a log link, fitted by iteratively reweighted least squares, with the
 * over-dispersion {@code alpha} (variance {@code mu + alpha mu^2}) estimated by the method of moments between IRLS
 * rounds. A small ridge keeps month effects of a short history finite. Immutable once fitted.
 */
public final class NegativeBinomialGlm {
    private static final double RIDGE = 1e-6;
    private static final int ROUNDS = 4;
    private static final int IRLS_STEPS = 25;

    private final double[] beta;
    private final double alpha;

    private NegativeBinomialGlm(double[] beta, double alpha) {
        this.beta = beta;
        this.alpha = alpha;
    }

    /** Fits {@code y ~ x} (each row of {@code x} holds every column, intercept included). */
    public static NegativeBinomialGlm fit(List<double[]> x, double[] y) {
        return fit(x, y, new double[y.length]);
    }

    /** Fits {@code y ~ x + offset}: the offset is a known log-rate term of each row. */
    public static NegativeBinomialGlm fit(List<double[]> x, double[] y, double[] offset) {
        int p = x.get(0).length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean = Math.max(mean / y.length, 1e-3);
        double[] beta = new double[p];
        beta[0] = Math.log(mean);
        double alpha = 0;
        for (int round = 0; round < ROUNDS; round++) {
            beta = irls(x, y, offset, beta, alpha);
            alpha = momentAlpha(x, y, offset, beta);
        }
        return new NegativeBinomialGlm(beta, alpha);
    }

    private static double[] irls(List<double[]> x, double[] y, double[] offset, double[] start, double alpha) {
        int p = start.length;
        double[] beta = start.clone();
        for (int step = 0; step < IRLS_STEPS; step++) {
            double[][] xtwx = new double[p][p];
            double[] xtwz = new double[p];
            for (int i = 0; i < y.length; i++) {
                double[] row = x.get(i);
                double eta = dot(row, beta);
                double mu = Math.exp(Math.min(eta + offset[i], 30));
                double w = mu / (1 + alpha * mu);
                double z = eta + (y[i] - mu) / mu;
                for (int a = 0; a < p; a++) {
                    xtwz[a] += row[a] * w * z;
                    for (int b = 0; b <= a; b++) {
                        xtwx[a][b] += row[a] * w * row[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                xtwx[a][a] += RIDGE * (1 + xtwx[a][a]);
                for (int b = 0; b < a; b++) {
                    xtwx[b][a] = xtwx[a][b];
                }
            }
            double[] next = solve(xtwx, xtwz);
            double change = 0;
            for (int a = 0; a < p; a++) {
                change = Math.max(change, Math.abs(next[a] - beta[a]));
            }
            beta = next;
            if (change < 1e-8) {
                break;
            }
        }
        return beta;
    }

    private static double momentAlpha(List<double[]> x, double[] y, double[] offset, double[] beta) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = Math.exp(Math.min(dot(x.get(i), beta) + offset[i], 30));
            double r = y[i] - mu;
            num += r * r - mu;
            den += mu * mu;
        }
        double n = y.length;
        double p = beta.length;
        return den <= 0 ? 0 : Math.max(0, num / den * n / Math.max(1, n - p));
    }

    /** Gaussian elimination with partial pivoting on a small dense system. */
    static double[] solve(double[][] m, double[] v) {
        int n = v.length;
        double[][] a = new double[n][];
        double[] b = v.clone();
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * out[c];
            }
            out[r] = s / a[r][r];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The expected count of a row of covariates (no offset). */
    public double mean(double[] row) {
        return mean(row, 0);
    }

    public double mean(double[] row, double offset) {
        return Math.exp(Math.min(dot(row, beta) + offset, 30));
    }

    public double alpha() {
        return alpha;
    }

    public double coefficient(int column) {
        return beta[column];
    }
}
