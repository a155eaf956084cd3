package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {

    @Test
    void queryParametersAreDecodedAndRepeatsJoinedWithCommas() {
        assertThat(ApiGatewayEvents.queryStringParameters("a=1&a=2&b=x%20y&flag&c=%26"))
                .containsExactly(Map.entry("a", "1,2"), Map.entry("b", "x y"),
                        Map.entry("flag", ""), Map.entry("c", "&"));
        assertThat(ApiGatewayEvents.queryStringParameters("")).isNull();
    }

    @Test
    void onlyTextualContentTypesArePassedAsText() {
        assertThat(ApiGatewayEvents.isText("application/json")).isTrue();
        assertThat(ApiGatewayEvents.isText("application/problem+json; charset=utf-8")).isTrue();
        assertThat(ApiGatewayEvents.isText("text/plain")).isTrue();
        assertThat(ApiGatewayEvents.isText("application/x-www-form-urlencoded")).isTrue();
        assertThat(ApiGatewayEvents.isText("application/octet-stream")).isFalse();
        assertThat(ApiGatewayEvents.isText("image/png")).isFalse();
        assertThat(ApiGatewayEvents.isText(null)).isFalse();
    }
}
