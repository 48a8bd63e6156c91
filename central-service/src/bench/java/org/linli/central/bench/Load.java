package org.linli.central.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * N closed-loop clients, each on its own platform thread with its own keep-alive connection, calling as fast as
 * answers come back for a fixed time. Latency is measured per call from send to the last byte of the answer.
 */
public final class Load {
    private Load() {
    }

    /** One call of one client; returns the HTTP status. {@code n} counts this client's calls from 0. */
    @FunctionalInterface
    public interface Call {
        int run(RawHttp http, int client, int n) throws IOException;
    }

    public static Result run(String name, int clients, double seconds, IntFunction<RawHttp> connect,
            Set<Integer> expected, Call call) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ClientLog[] logs = new ClientLog[clients];
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            int client = c;
            logs[c] = new ClientLog();
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                try (RawHttp http = connect.apply(client)) {
                    go.await();
                    logs[client].drive(http, call, client, window[1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        Map<Integer, Integer> statuses = new TreeMap<>();
        int ioErrors = 0;
        String firstError = null;
        for (ClientLog log : logs) {
            log.statuses.forEach((s, k) -> statuses.merge(s, k, Integer::sum));
            ioErrors += log.ioErrors;
            firstError = firstError == null ? log.firstError : firstError;
        }
        long[] micros = Arrays.stream(logs).flatMapToLong(l -> Arrays.stream(l.micros, 0, l.count)).sorted().toArray();
        int unexpected = ioErrors + statuses.entrySet().stream().filter(e -> !expected.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        return new Result(name, clients, elapsed, micros, statuses, unexpected, firstError);
    }

    /** What one client saw; written by its own thread only, read after it ended. */
    private static final class ClientLog {
        long[] micros = new long[1 << 14];
        int count;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        int ioErrors;
        String firstError;

        void drive(RawHttp http, Call call, int client, long end) {
            for (int n = 0; System.nanoTime() < end; n++) {
                long t0 = System.nanoTime();
                try {
                    int status = call.run(http, client, n);
                    statuses.merge(status, 1, Integer::sum);
                } catch (IOException | RuntimeException e) {
                    ioErrors++;
                    firstError = firstError == null ? e.toString() : firstError;
                    http.close();
                }
                if (count == micros.length) {
                    micros = Arrays.copyOf(micros, count * 2);
                }
                micros[count++] = (System.nanoTime() - t0) / 1000;
            }
        }
    }

    public record Result(String name, int clients, double seconds, long[] micros, Map<Integer, Integer> statuses,
            int errors, String firstError) {

        public double perSecond() {
            return micros.length / seconds;
        }

        public double p50() {
            return percentile(0.50);
        }

        public double p99() {
            return percentile(0.99);
        }

        /** Milliseconds; micros are sorted. */
        private double percentile(double p) {
            return micros.length == 0 ? 0 : micros[Math.min(micros.length - 1, (int) (micros.length * p))] / 1000.0;
        }

        public int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        @Override
        public String toString() {
            return String.format("%-24s clients=%-3d requests=%-7d %8.0f req/s  p50=%6.2f ms  p99=%7.2f ms"
                            + "  max=%7.2f ms  errors=%d  statuses=%s%s",
                    name, clients, micros.length, perSecond(), p50(), p99(),
                    micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0, errors, statuses,
                    firstError == null ? "" : "  first error: " + firstError);
        }
    }
}
