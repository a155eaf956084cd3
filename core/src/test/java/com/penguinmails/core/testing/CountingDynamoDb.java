package com.penguinmails.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A {@link DynamoDbClient} that passes every call to a real one (dynalite in tests) and counts them by operation, for
 * tests that pin how many requests a store makes (a listing's budget, a bulk lookup's pages).
 */
public final class CountingDynamoDb {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final DynamoDbClient client;

    public CountingDynamoDb(DynamoDbClient real) {
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The client to hand to the store under test. */
    public DynamoDbClient client() {
        return client;
    }

    /** Calls of {@code operation} (the client's method name: {@code query}, {@code putItem}, ...) so far. */
    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    public void reset() {
        calls.clear();
    }
}
