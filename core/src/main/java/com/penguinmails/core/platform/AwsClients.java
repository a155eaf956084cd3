package com.penguinmails.core.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS clients once per container: the URL-connection HTTP client (no Apache or Netty in function jars,
 * which keeps cold starts short), the region from {@code AWS_REGION}, the default credential chain, and call
 * timeouts that fit inside the function's own ({@link SdkTimeouts}).
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_DYNAMODB}/{@code _SQS}/{@code _SNS} are honoured by the SDK itself.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** The Lambda path: region and endpoint from the environment, call timeouts from the function's own timeout. */
    public static DynamoDbClient dynamoDb(SdkTimeouts timeouts) {
        return DynamoDbClient.builder().httpClient(timeouts.httpClient()).region(region())
                .overrideConfiguration(timeouts::applyTo).build();
    }

    public static SqsClient sqs(SdkTimeouts timeouts) {
        return SqsClient.builder().httpClient(timeouts.httpClient()).region(region())
                .overrideConfiguration(timeouts::applyTo).build();
    }

    /** For publishing platform events (the topic in {@code PM_EVENT_TOPIC_ARN}). */
    public static SnsClient sns(SdkTimeouts timeouts) {
        return SnsClient.builder().httpClient(timeouts.httpClient()).region(region())
                .overrideConfiguration(timeouts::applyTo).build();
    }

    /**
     * An SNS client from a function environment the local runtime or a test made (not the process's): its
     * {@code AWS_ENDPOINT_URL_SNS} and {@code AWS_REGION}; without the endpoint, the SDK's own configuration.
     */
    public static SnsClient sns(Map<String, String> environment, SdkTimeouts timeouts) {
        String endpoint = environment.get(SNS_ENDPOINT_VARIABLE);
        String region = environment.get("AWS_REGION");
        var builder = SnsClient.builder().httpClient(timeouts.httpClient())
                .region(region == null || region.isBlank() ? region() : Region.of(region))
                .overrideConfiguration(timeouts::applyTo);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).credentialsProvider(localCredentials());
        }
        return builder.build();
    }

    /** The SDK's own name for the SNS endpoint override. */
    public static final String SNS_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SNS";

    /** A DynamoDB client for an embedded or explicitly chosen endpoint (local runtime, tests). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return dynamoDb(endpoint, region, List.of());
    }

    /** The same, with SDK interceptors (the capacity benchmark meters every call this way). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, List<ExecutionInterceptor> interceptors) {
        return dynamoDb(endpoint, region, interceptors, SdkTimeouts.SDK_DEFAULTS);
    }

    /** The same, for a function with these call timeouts (the local runtime builds one per catalog timeout). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, List<ExecutionInterceptor> interceptors,
                                          SdkTimeouts timeouts) {
        var builder = DynamoDbClient.builder().httpClient(timeouts.httpClient()).region(Region.of(region))
                .overrideConfiguration(c -> {
                    c.executionInterceptors(interceptors);
                    timeouts.applyTo(c);
                });
        if (endpoint != null) {
            builder.endpointOverride(endpoint).credentialsProvider(localCredentials());
        }
        return builder.build();
    }

    /** An SQS client for an embedded or explicitly chosen endpoint (local runtime, tests). */
    public static SqsClient sqs(URI endpoint, String region) {
        return sqs(endpoint, region, SdkTimeouts.SDK_DEFAULTS);
    }

    /** The same, with call timeouts; a {@code null} endpoint leaves it to the SDK's own configuration. */
    public static SqsClient sqs(URI endpoint, String region, SdkTimeouts timeouts) {
        var builder = SqsClient.builder().httpClient(timeouts.httpClient()).region(Region.of(region))
                .overrideConfiguration(timeouts::applyTo);
        if (endpoint != null) {
            builder.endpointOverride(endpoint).credentialsProvider(localCredentials());
        }
        return builder.build();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    /** The function's region ({@code AWS_REGION}, which Lambda always sets). */
    public static Region region(Platform platform) {
        return Region.of(platform.env("AWS_REGION", "us-east-1"));
    }

    // The embedded servers accept any signature; fixed credentials keep the SDK from searching for a profile.
    private static StaticCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

}
