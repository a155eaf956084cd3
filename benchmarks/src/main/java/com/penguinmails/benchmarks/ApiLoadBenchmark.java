package com.penguinmails.benchmarks;

import com.penguinmails.core.platform.Json;
import com.penguinmails.local.LocalPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput and latency of the local HTTP API under load: 8 client threads doing {@code GET /v1/api-keys} with
 * an API key for 15 s against a platform in this process, over loopback. Every request goes through the local
 * API Gateway, the authorizer (key lookup in dynalite) and the function (rate limit counter and a query).
 */
final class ApiLoadBenchmark {

    private static final int THREADS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(15);

    void run() throws Exception {
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(true).start()) {
            // Plain HTTP/1.1 keep-alive, as most API clients use; the default would first offer an h2c upgrade.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String key = createKey(platform, client);
            HttpRequest list = HttpRequest.newBuilder(platform.url().resolve("/v1/api-keys"))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build();

            drive(client, list, WARM_UP); // JIT, connection pool and dynalite warm up; not counted
            Result result = drive(client, list, MEASURED);

            long[] latencies = result.okLatenciesNanos();
            if (latencies.length == 0) {
                throw new IllegalStateException("no GET /v1/api-keys answered 200; failures: " + result.failures());
            }
            System.out.printf(Locale.ROOT, "api-load: GET /v1/api-keys, %d threads, %d s: %.0f requests/s (%d x 200); latency p50 %s ms, p99 %s ms, max %s ms; non-200: %s%n",
                    THREADS, MEASURED.toSeconds(), latencies.length / result.seconds(), latencies.length,
                    Stats.millis(Stats.percentile(latencies, 50)), Stats.millis(Stats.percentile(latencies, 99)),
                    Stats.millis(Stats.max(latencies)), result.failures().isEmpty() ? "none" : result.failures());
        }
    }

    /** A key made for this run: only the scope the route needs, and a rate limit the load cannot reach. */
    private static String createKey(LocalPlatform platform, HttpClient client) throws Exception {
        HttpRequest create = HttpRequest.newBuilder(platform.url().resolve("/v1/api-keys"))
                .header("Authorization", "Bearer " + platform.ownerApiKey().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"scopes\":[\"api-keys:read\"],\"rateLimitPerSecond\":10000}"))
                .build();
        HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /v1/api-keys answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).path("secret").asText();
    }

    private static Result drive(HttpClient client, HttpRequest request, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<Result>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(threads.submit(() -> loop(client, request, deadline)));
            }
            Result total = new Result(new long[0], new TreeMap<>(), 0);
            for (Future<Result> worker : workers) {
                total = total.plus(worker.get());
            }
            return new Result(total.okLatenciesNanos(), total.failures(), (System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Result loop(HttpClient client, HttpRequest request, long deadline) {
        long[] ok = new long[1024];
        int count = 0;
        Map<String, Long> failures = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            String failure;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                failure = response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failure = e.getClass().getSimpleName();
            }
            if (failure == null) {
                if (count == ok.length) {
                    ok = java.util.Arrays.copyOf(ok, count * 2);
                }
                ok[count++] = System.nanoTime() - sent;
            } else {
                failures.merge(failure, 1L, Long::sum);
            }
        }
        return new Result(java.util.Arrays.copyOf(ok, count), failures, 0);
    }

    /** Latencies of the 200s, counts of everything else by status or exception, and the wall time it took. */
    private record Result(long[] okLatenciesNanos, Map<String, Long> failures, double seconds) {
        Result plus(Result other) {
            long[] latencies = java.util.Arrays.copyOf(okLatenciesNanos, okLatenciesNanos.length + other.okLatenciesNanos.length);
            System.arraycopy(other.okLatenciesNanos, 0, latencies, okLatenciesNanos.length, other.okLatenciesNanos.length);
            Map<String, Long> merged = new TreeMap<>(failures);
            other.failures.forEach((k, v) -> merged.merge(k, v, Long::sum));
            return new Result(latencies, merged, seconds);
        }
    }
}
