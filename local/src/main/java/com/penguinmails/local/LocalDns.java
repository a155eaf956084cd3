package com.penguinmails.local;

import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.domains.internal.ZoneFileDnsResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stand-in for the customer's DNS host: a zone file the domains function reads (PM_DNS_ZONE_FILE), and
 * {@code POST /_local/dns/{domain}/publish}, which appends the records a domain asks for, as if the user had added
 * them, so the whole verify flow runs from a script. The file can also be edited by hand.
 */
final class LocalDns {

    private final ZoneFileDnsResolver zone;
    private final DynamoDbClient dynamoDb;
    private final String domainsTable;

    LocalDns(Path zoneFile, DynamoDbClient dynamoDb, String domainsTable) {
        this.zone = new ZoneFileDnsResolver(zoneFile);
        this.dynamoDb = dynamoDb;
        this.domainsTable = domainsTable;
        try {
            Files.createDirectories(zoneFile.toAbsolutePath().getParent());
            if (!Files.exists(zoneFile)) {
                Files.writeString(zoneFile, "; PenguinMails local DNS zone: <name> <TYPE> <value>, one record per line\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path defaultZoneFile(Path dataDir) {
        if (dataDir != null) {
            return dataDir.resolve("dns").resolve("zone.txt");
        }
        try {
            return Files.createTempDirectory("penguinmails-dns").resolve("zone.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path zoneFile() {
        return zone.zoneFile();
    }

    void register(LocalRoutes routes) {
        routes.add("POST", "/_local/dns/{domain}/publish", (request, path) -> publish(path.get("domain")));
    }

    private GatewayResponse publish(String domainName) throws IOException {
        // Local only: a scan across workspaces is fine here, and the endpoint has no workspace to scope by.
        List<Map<String, AttributeValue>> items = dynamoDb.scan(r -> r.tableName(domainsTable)
                .filterExpression("domainId = :name")
                .expressionAttributeValues(Map.of(":name", AttributeValue.fromS(domainName.toLowerCase(java.util.Locale.ROOT))))).items();
        if (items.isEmpty()) {
            return GatewayResponse.problem(404, "domain-not-found", "Not Found", "No workspace has added the domain " + domainName);
        }
        List<com.penguinmails.sending.domains.DnsRecord> records = Json.STORAGE.readValue(items.get(0).get("records").s(),
                Json.STORAGE.getTypeFactory().constructCollectionType(List.class, com.penguinmails.sending.domains.DnsRecord.class));
        zone.publish(records);
        return GatewayResponse.json(200, Map.of("domain", domainName, "published", records, "zoneFile", zone.zoneFile().toString()));
    }
}
