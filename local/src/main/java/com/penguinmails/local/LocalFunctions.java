package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.StackSecret;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.platform.SdkTimeouts;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every catalog function, each instantiated once through its public {@code (Platform)} constructor with the
 * environment CDK would give it, but local names, clients shared by the functions with the same timeout, and the
 * movable clock.
 */
final class LocalFunctions implements AutoCloseable {

    private final Map<String, LocalFunction> byName = new LinkedHashMap<>();
    private final ExecutorService invocations = Executors.newCachedThreadPool(daemonThreads());

    /**
     * @param extraEnvironment added to every function's environment (and winning over catalog values)
     * @param operatorKeySha256 what the authorizer compares a presented operator key's hash with
     * @param publisherEnvironment added to the environment of functions that publish platform events (the local SNS
     *                             endpoint)
     */
    LocalFunctions(FunctionCatalog catalog, ResourceNames names, Map<String, String> extraEnvironment,
                   Map<String, String> publisherEnvironment,
                   String operatorKeySha256, Function<SdkTimeouts, DynamoDbClient> dynamoDb,
                   Function<SdkTimeouts, SqsClient> sqs, Clock clock, String region, InvocationListener listener) {
        for (FunctionSpec spec : catalog.functions()) {
            Map<String, String> environment = new LinkedHashMap<>(spec.environment(names));
            environment.put("AWS_REGION", region);
            environment.put("PM_STAGE", "local");
            environment.put("POWERTOOLS_SERVICE_NAME", "penguinmails");
            if (spec.publishesEvents()) {
                environment.putAll(publisherEnvironment);
            }
            environment.putAll(extraEnvironment);
            // As in AWS: a stack secret reaches only the functions whose catalog entry names it.
            for (StackSecret secret : StackSecret.values()) {
                if (!spec.secrets().contains(secret)) {
                    environment.remove(secret.variable());
                }
            }
            if (spec.trigger().authorizer() != null) {
                environment.put("PM_OPERATOR_KEY_SHA256", operatorKeySha256);
            }
            SdkTimeouts timeouts = SdkTimeouts.fromEnvironment(environment);
            Platform platform = Platform.create(environment, dynamoDb.apply(timeouts), sqs.apply(timeouts), clock);
            byName.put(spec.name(), new LocalFunction(spec, instantiate(spec, platform), region, invocations, listener));
        }
    }

    LocalFunction get(String name) {
        LocalFunction function = byName.get(name);
        if (function == null) {
            throw new IllegalArgumentException("no function named " + name);
        }
        return function;
    }

    Optional<LocalFunction> authorizer() {
        return find(spec -> spec.trigger().authorizer() != null).stream().findFirst();
    }

    List<LocalFunction> sqsTriggered() {
        return find(spec -> spec.trigger().sqs() != null);
    }

    List<LocalFunction> scheduled() {
        return find(spec -> spec.trigger().schedule() != null);
    }

    private List<LocalFunction> find(Predicate<FunctionSpec> predicate) {
        return byName.values().stream().filter(f -> predicate.test(f.spec())).toList();
    }

    /** Stops the invocation threads; one still running past its timeout is abandoned, as Lambda would stop it. */
    @Override
    public void close() {
        invocations.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, LocalRuntimeThreads.FUNCTION_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> instantiate(FunctionSpec spec, Platform platform) {
        Object handler;
        try {
            Constructor<?> constructor = Class.forName(spec.handler()).getConstructor(Platform.class);
            handler = constructor.newInstance(platform);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("function " + spec.name() + ": handler class " + spec.handler()
                    + " is not on the class path", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("function " + spec.name() + ": " + spec.handler()
                    + " needs a public constructor taking " + Platform.class.getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("function " + spec.name() + ": " + spec.handler()
                    + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("function " + spec.name() + ": cannot instantiate " + spec.handler(), e);
        }
        if (!(handler instanceof RequestHandler<?, ?>)) {
            throw new IllegalStateException("function " + spec.name() + ": " + spec.handler()
                    + " does not implement " + RequestHandler.class.getName());
        }
        return (RequestHandler<Object, Object>) handler;
    }
}
