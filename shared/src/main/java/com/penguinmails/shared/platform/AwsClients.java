package com.penguinmails.shared.platform;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS clients once per container: the URL-connection HTTP client (no Apache or Netty in function jars,
 * which keeps cold starts short), the region from {@code AWS_REGION}, and the default credential chain.
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_DYNAMODB}/{@code _SQS} are honoured by the SDK itself.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(httpClient()).region(region()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().httpClient(httpClient()).region(region()).build();
    }

    /** A DynamoDB client for an embedded or explicitly chosen endpoint (local runtime, tests). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return dynamoDb(endpoint, region, List.of());
    }

    /** The same, with SDK interceptors (the capacity benchmark meters every call this way). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder().httpClient(httpClient()).region(Region.of(region))
                .overrideConfiguration(c -> c.executionInterceptors(interceptors));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).credentialsProvider(localCredentials());
        }
        return builder.build();
    }

    /** An SQS client for an embedded or explicitly chosen endpoint (local runtime, tests). */
    public static SqsClient sqs(URI endpoint, String region) {
        return SqsClient.builder().httpClient(httpClient()).region(Region.of(region))
                .endpointOverride(endpoint).credentialsProvider(localCredentials()).build();
    }

    /** The HTTP client every AWS client here uses (one per AWS client, as the SDK expects). */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
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
