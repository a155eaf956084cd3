package com.penguinmails.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ElasticMqServerTest {

    private static ElasticMqServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = ElasticMqServer.start(0, "eu-west-1");
        sqs = SqsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void messageReceivedTooOftenMovesToTheDeadLetterQueue() {
        String dlqUrl = sqs.createQueue(create -> create.queueName("sends-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(get -> get.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(create -> create.queueName("sends").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();

        assertThat(dlqArn).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:sends-dlq");
        assertThat(queueUrl).startsWith(server.endpoint().toString());

        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody("hello"));
        // Visibility timeout 0: the message is visible again at once, as if processing had failed.
        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly("hello");
        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly("hello");
        assertThat(receive(queueUrl)).isEmpty();

        List<Message> deadLetters = sqs.receiveMessage(receive -> receive.queueUrl(dlqUrl).waitTimeSeconds(1))
                .messages();
        assertThat(deadLetters).extracting(Message::body).containsExactly("hello");
    }

    private static List<Message> receive(String queueUrl) {
        return sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(1))
                .messages();
    }
}
