package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.JarSpec;
import com.penguinmails.catalog.StackSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Everything one stage of PenguinMails runs on, built from the catalog: tables, queues, the platform-event topic
 * with its subscriptions ({@link EventBus}), functions and their triggers (HTTP API, queues, schedules), and alarms on every dead-letter queue; plus what sending needs beyond the
 * catalog ({@link Ses}, {@link MailboxSecrets}, the tracking settings), given out by {@link SendingPolicy}.
 */
public final class PenguinMailsStack extends Stack {

    public static final String OPERATOR_KEY_PARAMETER = "OperatorKeySha256";
    /** Optional custom origin of the public tracking routes, e.g. https://track.example.com. */
    public static final String TRACKING_BASE_URL_PARAMETER = "TrackingBaseUrl";
    public static final String TRACKING_SECRET_PARAMETER = "TrackingSecret";
    public static final String HAS_TRACKING_BASE_URL_CONDITION = "HasTrackingBaseUrl";
    public static final String TRACKING_BASE_URL_VARIABLE = "PM_TRACKING_BASE_URL";
    public static final String TRACKING_SECRET_VARIABLE = StackSecret.TRACKING.variable();
    /** What the functions' TrackingTokens requires too; CloudFormation refuses a shorter value at deploy time. */
    static final int TRACKING_SECRET_MIN_LENGTH = 32;

    /** @param jarsRoot the directory the catalog's jar paths are relative to (the repository root) */
    public record Props(DeploymentStage stage, FunctionCatalog catalog, Path jarsRoot) {
    }

    private final Tables tables;
    private final Queues queues;
    private final EventBus eventBus;
    private final Functions functions;
    private final Api api;
    private final Ses ses;
    private final MailboxSecrets mailboxSecrets;

    public PenguinMailsStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .description("PenguinMails " + props.stage().name() + ": API, functions, tables and queues")
                .build());
        FunctionCatalog catalog = props.catalog();
        CfnParameter operatorKeySha256 = CfnParameter.Builder.create(this, OPERATOR_KEY_PARAMETER)
                .type("String")
                .description("Hex SHA-256 of the platform-operator API key (the key itself never reaches AWS)")
                .allowedPattern("^[0-9a-f]{64}$")
                .constraintDescription("64 lowercase hex characters")
                .build();

        tables = new Tables(this, "Tables", new Tables.Props(catalog.tables(), props.stage()));
        queues = new Queues(this, "Queues", new Queues.Props(catalog.queues()));
        eventBus = new EventBus(this, "EventBus", new EventBus.Props(catalog, queues));
        functions = new Functions(this, "Functions", new Functions.Props(catalog, functionsCode(catalog, props.jarsRoot()),
                props.stage(), tables, queues, eventBus, operatorKeySha256.getValueAsString()));
        new QueueTriggers(this, "QueueTriggers", new QueueTriggers.Props(catalog, functions, queues));
        api = new Api(this, "Api", new Api.Props(catalog, functions, props.stage()));
        Schedules schedules = new Schedules(this, "Schedules", new Schedules.Props(catalog, functions));

        Map<String, IQueue> deadLetterQueues = new LinkedHashMap<>(queues.deadLetterQueues());
        deadLetterQueues.putAll(schedules.deadLetterQueues());
        new Alarms(this, "Alarms", new Alarms.Props(deadLetterQueues));

        ses = new Ses(this, "Ses", new Ses.Props(props.stage(), queues.find(SendingPolicy.SES_EVENTS_QUEUE)));
        mailboxSecrets = new MailboxSecrets(this, "MailboxSecrets", new MailboxSecrets.Props(props.stage()));
        String trackingBaseUrl = trackingBaseUrl(api);
        String trackingSecret = trackingSecret();
        for (FunctionSpec spec : catalog.functions()) {
            CatalogFunction function = functions.function(spec.name());
            function.function().addEnvironment(TRACKING_BASE_URL_VARIABLE, trackingBaseUrl);
            if (spec.secrets().contains(StackSecret.TRACKING)) {
                function.function().addEnvironment(TRACKING_SECRET_VARIABLE, trackingSecret);
            }
            if (SendingPolicy.managesSesPools(spec)) {
                ses.allowPoolManagement(function);
            }
            if (SendingPolicy.sendsWithSes(spec)) {
                ses.allowSending(function);
            }
            if (SendingPolicy.usesMailboxSecrets(spec)) {
                mailboxSecrets.allowEncryptDecrypt(function);
            }
        }

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Base URL of the PenguinMails API")
                .value(api.url())
                .build();
        CfnOutput.Builder.create(this, "SesEventsTopicArn")
                .description("SNS topic the SES configuration sets publish their events to")
                .value(ses.eventsTopic().getTopicArn())
                .build();
    }

    /**
     * The {@value #TRACKING_BASE_URL_PARAMETER} parameter if the deployer gives one, else the HTTP API's own
     * endpoint, which serves the tracking routes too. The functions refer to the API resource itself, which does not
     * depend on them (its routes and integrations do), so this adds no cycle.
     */
    private String trackingBaseUrl(Api api) {
        CfnParameter baseUrl = CfnParameter.Builder.create(this, TRACKING_BASE_URL_PARAMETER)
                .type("String")
                .description("Origin of the public tracking and unsubscribe links, e.g. https://track.example.com "
                        + "(a custom domain mapped to this API); empty to use the API's own endpoint")
                .defaultValue("")
                .allowedPattern("^(https://[^\\s/]+(/\\S*)?)?$")
                .constraintDescription("empty, or an https:// URL")
                .build();
        CfnCondition given = CfnCondition.Builder.create(this, HAS_TRACKING_BASE_URL_CONDITION)
                .expression(Fn.conditionNot(Fn.conditionEquals(baseUrl.getValueAsString(), "")))
                .build();
        return Fn.conditionIf(given.getLogicalId(), baseUrl.getValueAsString(), api.httpApi().getApiEndpoint())
                .toString();
    }

    /**
     * The HMAC key that signs tracking and unsubscribe links. A NoEcho parameter rather than a secret store: the
     * functions read it from their environment, which Lambda encrypts at rest with KMS, and CloudFormation never
     * shows it back.
     */
    private String trackingSecret() {
        return CfnParameter.Builder.create(this, TRACKING_SECRET_PARAMETER)
                .type("String")
                .description("HMAC key of tracking and unsubscribe links: at least " + TRACKING_SECRET_MIN_LENGTH
                        + " random characters, e.g. openssl rand -base64 48. Changing it invalidates links in mail "
                        + "already sent.")
                .noEcho(true)
                .minLength(TRACKING_SECRET_MIN_LENGTH)
                .build()
                .getValueAsString();
    }

    public Tables tables() {
        return tables;
    }

    public Queues queues() {
        return queues;
    }

    public EventBus eventBus() {
        return eventBus;
    }

    public Functions functions() {
        return functions;
    }

    public Api api() {
        return api;
    }

    public Ses ses() {
        return ses;
    }

    public MailboxSecrets mailboxSecrets() {
        return mailboxSecrets;
    }

    private static Map<FunctionJar, Code> functionsCode(FunctionCatalog catalog, Path root) {
        Map<FunctionJar, Code> code = new HashMap<>();
        for (JarSpec jar : catalog.jars()) {
            Path file = root.resolve(jar.path());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " not found; build the jars first (mvn -B package -DskipTests)"
                        + " or pass -c jarsRoot=<directory holding " + jar.path() + ">");
            }
            code.put(jar.name(), Code.fromAsset(file.toString()));
        }
        return code;
    }
}
