package io.breakwater.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Readings of this process and machine that benchmarks print: peak resident set, heap peaks, CPU time, load. */
public final class ProcessFigures {
    private ProcessFigures() {
    }

    /** Linux: the process's peak resident set ({@code VmHWM} of {@code /proc/self/status}) in bytes, or -1. */
    public static long peakResidentBytes() {
        long kb = statusKb("VmHWM:");
        return kb < 0 ? -1 : kb << 10;
    }

    /** Linux: the machine's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), or the JVM's 1-minute. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time of the whole process (all threads, native ones included), in seconds, or NaN. */
    public static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Collects garbage, then starts the heap pools' peaks afresh. */
    public static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last {@link #resetHeapPeaks()}, in bytes. */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long statusKb(String key) {
        Path status = Path.of("/proc/self/status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith(key)) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
