package io.breakwater.synth.internal;

import java.util.SplittableRandom;

/**
 * The street grid the pipes lie under, in projected metres. Junctions form a jittered grid of {@code rows x columns}
 * nodes (blocks 90 to 170 m); pipe {@code e} is a grid edge, numbered row by row: in each row first the
 * {@code columns - 1} horizontal edges, then the {@code columns} vertical edges down to the next row. Nothing per pipe
 * is stored: geometry and neighbours follow from the index, which keeps a million pipes cheap.
 */
public final class StreetGrid {
    /** Every eighth street is an arterial with a larger main. */
    public static final int ARTERIAL_EVERY = 8;
    private static final double NODE_JITTER_M = 8.0;

    private final long seed;
    private final int pipes;
    private final int columns;
    private final int rows;
    private final double[] xs;
    private final double[] ys;
    private final double originX;
    private final double originY;

    public StreetGrid(long seed, int pipes, double centreX, double centreY) {
        this.seed = seed;
        this.pipes = pipes;
        this.columns = columnsFor(pipes);
        this.rows = (pipes - 1) / (2 * columns - 1) + 2;
        SplittableRandom rng = Rng.stream(seed, "street-grid");
        this.xs = spacing(rng, columns);
        this.ys = spacing(rng, rows);
        this.originX = centreX - xs[columns - 1] / 2;
        this.originY = centreY - ys[rows - 1] / 2;
    }

    /** Rebuilds the grid of a written city from its manifest values. */
    public static StreetGrid of(long seed, int pipes, double centreX, double centreY) {
        return new StreetGrid(seed, pipes, centreX, centreY);
    }

    static int columnsFor(int pipes) {
        return Math.max(2, (int) Math.ceil(Math.sqrt(pipes / 2.0)) + 1);
    }

    private static double[] spacing(SplittableRandom rng, int n) {
        double[] at = new double[n];
        for (int i = 1; i < n; i++) {
            at[i] = at[i - 1] + 90.0 + 80.0 * rng.nextDouble();
        }
        return at;
    }

    public int pipes() {
        return pipes;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double minX() {
        return originX;
    }

    public double minY() {
        return originY;
    }

    public double maxX() {
        return originX + xs[columns - 1];
    }

    public double maxY() {
        return originY + ys[rows - 1];
    }

    public double nodeX(int row, int column) {
        return originX + xs[column] + NODE_JITTER_M * (2 * Rng.hashUnit(seed, row * (long) columns + column, 1) - 1);
    }

    public double nodeY(int row, int column) {
        return originY + ys[row] + NODE_JITTER_M * (2 * Rng.hashUnit(seed, row * (long) columns + column, 2) - 1);
    }

    private int stride() {
        return 2 * columns - 1;
    }

    public boolean isHorizontal(int pipe) {
        return pipe % stride() < columns - 1;
    }

    /** The row of the pipe's first junction. */
    public int row(int pipe) {
        return pipe / stride();
    }

    /** The column of the pipe's first junction. */
    public int column(int pipe) {
        int k = pipe % stride();
        return k < columns - 1 ? k : k - (columns - 1);
    }

    public boolean isArterial(int pipe) {
        return isHorizontal(pipe) ? row(pipe) % ARTERIAL_EVERY == 0 : column(pipe) % ARTERIAL_EVERY == 0;
    }

    /** Writes x1, y1, x2, y2 of the pipe into {@code out}. */
    public void endpoints(int pipe, double[] out) {
        int r = row(pipe);
        int c = column(pipe);
        out[0] = nodeX(r, c);
        out[1] = nodeY(r, c);
        int r2 = isHorizontal(pipe) ? r : r + 1;
        int c2 = isHorizontal(pipe) ? c + 1 : c;
        out[2] = nodeX(r2, c2);
        out[3] = nodeY(r2, c2);
    }

    public double length(int pipe, double[] scratch) {
        endpoints(pipe, scratch);
        return Math.hypot(scratch[2] - scratch[0], scratch[3] - scratch[1]);
    }

    /**
     * Writes the pipes that share a junction with {@code pipe} (at most 6, midpoints about 60 to 170 m apart) into
     * {@code out}, in increasing order of index, and returns how many.
     */
    public int neighbours(int pipe, int[] out) {
        int r = row(pipe);
        int c = column(pipe);
        int n = 0;
        n = incident(r, c, pipe, out, n);
        n = isHorizontal(pipe) ? incident(r, c + 1, pipe, out, n) : incident(r + 1, c, pipe, out, n);
        java.util.Arrays.sort(out, 0, n);
        return n;
    }

    private int incident(int r, int c, int self, int[] out, int n) {
        int s = stride();
        if (c > 0) {
            n = add(r * s + c - 1, self, out, n);
        }
        if (c < columns - 1) {
            n = add(r * s + c, self, out, n);
        }
        if (r > 0) {
            n = add((r - 1) * s + columns - 1 + c, self, out, n);
        }
        if (r < rows - 1) {
            n = add(r * s + columns - 1 + c, self, out, n);
        }
        return n;
    }

    private int add(int edge, int self, int[] out, int n) {
        if (edge != self && edge < pipes) {
            out[n++] = edge;
        }
        return n;
    }
}
