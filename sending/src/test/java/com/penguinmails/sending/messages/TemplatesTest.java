package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.problems.ApiProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mustache templates: the variables they read, refusal of a missing one or a broken template, HTML escaping. */
class TemplatesTest {

    /** A comment ({@code {{! ... }}}) used to count as a variable, so every send of such a template was refused. */
    @Test
    void variablesAreTheTopLevelNamesOfVariablesAndSectionsNotComments() {
        var template = Templates.compile("html", "Hi {{name}} {{{raw}}} {{#offer}}{{offer.code}}{{/offer}} {{^vip}}join{{/vip}} {{! a comment }}{{!another}}");

        assertThat(Templates.variables(template)).containsExactly("name", "offer", "raw", "vip");
    }

    @Test
    void rendersWithTheRecipientsValuesEscapingHtml() {
        var template = Templates.compile("html", "<p>Hi {{name}}</p>");

        assertThat(Templates.render(template, Map.of("name", "Ada <script>"))).isEqualTo("<p>Hi Ada &lt;script&gt;</p>");
    }

    @Test
    void aMissingVariableIsA400NamingTheFieldAndTheRecipient() {
        var template = Templates.compile("subject", "Hi {{name}} from {{company}}");

        assertThatThrownBy(() -> Templates.requireVariables("subject", template, Map.of("name", "Ada"), "ada@example.org"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.extensions()).containsEntry("field", "subject");
                    assertThat(p.detail()).isEqualTo("subject uses [company] but no value was given for ada@example.org. Add them to variables.");
                });
        Templates.requireVariables("subject", template, Map.of("name", "Ada", "company", "Acme"), "ada@example.org");
    }

    @Test
    void aBrokenTemplateIsA400NotA500() {
        assertThatThrownBy(() -> Templates.compile("html", "Hi {{#open}} never closed"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.extensions()).containsEntry("field", "html");
                });
    }
}
