package com.penguinmails.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Action parameters that name parts of the run's context ({@code {{event.data.campaignId}}}), filled in. */
public final class ParameterTemplates {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private ParameterTemplates() {
    }

    /** Each {@code {{a.b}}} replaced by what the context holds there (empty when nothing), the dry run's way and the engine's. */
    public static Map<String, String> fill(Map<String, String> parameters, JsonNode context) {
        Map<String, String> filled = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            Matcher m = TEMPLATE.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode at = new Condition(m.group(1), Condition.Operator.EXISTS, null).actual(context);
                m.appendReplacement(out, Matcher.quoteReplacement(at.isMissingNode() || at.isNull() ? "" : at.asText()));
            }
            m.appendTail(out);
            filled.put(name, out.toString());
        });
        return filled;
    }
}
