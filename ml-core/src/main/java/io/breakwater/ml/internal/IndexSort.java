package io.breakwater.ml.internal;

/**
 * Row indices sorted by primitive keys, without boxing: a stable merge sort over {@code int[]}. Sorting an
 * {@code Integer[]} with a comparator boxes every index and dominated the evaluation of large back-tests.
 */
final class IndexSort {
    private static final int INSERTION = 24;

    /** How two row indices compare; negative when {@code a} comes first. */
    @FunctionalInterface
    interface RowOrder {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /** The indices {@code 0..n-1} in the given order; equal rows keep their index order. */
    static int[] sort(int n, RowOrder order) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        mergeSort(idx, new int[n], 0, n, order);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, RowOrder order) {
        if (to - from <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && order.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, order);
        mergeSort(a, tmp, mid, to, order);
        if (order.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
