package io.breakwater.ml.internal;

/**
 * A dense row-major float matrix with named columns; NaN marks a missing value.
 *
 * @param data    rows x cols values
 * @param rows    row count
 * @param cols    column count
 * @param columns column names
 */
public record Matrix(float[] data, int rows, int cols, String[] columns) {
    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** Rows {@code from..to-1} as a new matrix. */
    public Matrix slice(int from, int to) {
        float[] part = new float[(to - from) * cols];
        System.arraycopy(data, from * cols, part, 0, part.length);
        return new Matrix(part, to - from, cols, columns);
    }

    /** At most {@code n} rows spread evenly over the matrix (every k-th row), or this matrix when it is no larger. */
    public Matrix spread(int n) {
        if (rows <= n) {
            return this;
        }
        float[] part = new float[n * cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, (int) ((long) i * rows / n) * cols, part, i * cols, cols);
        }
        return new Matrix(part, n, cols, columns);
    }
}
