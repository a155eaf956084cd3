package com.penguinmails.sending.messages;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.CommentCode;
import com.penguinmails.core.problems.ApiProblem;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mustache templates ({@code {{firstName}}}, sections, HTML-escaped by default in HTML parts). A variable the
 * template uses but the recipient lacks is a 400 at submission, never a blank in a sent email.
 */
public final class Templates {

    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory();

    private Templates() {
    }

    public static Mustache compile(String field, String template) {
        try {
            return FACTORY.compile(new StringReader(template), field);
        } catch (MustacheException e) {
            throw ApiProblem.invalidField(field, field + " is not a valid template: " + e.getMessage());
        }
    }

    /** The variable names a template reads (top-level names of variables and sections). */
    public static Set<String> variables(Mustache template) {
        Set<String> names = new TreeSet<>();
        collect(template.getCodes(), names);
        return names;
    }

    public static void requireVariables(String field, Mustache template, Map<String, String> variables, String recipient) {
        Set<String> missing = new TreeSet<>(variables(template));
        missing.removeAll(variables.keySet());
        if (!missing.isEmpty()) {
            throw ApiProblem.invalidField(field, field + " uses " + missing + " but no value was given"
                    + (recipient == null ? "" : " for " + recipient) + ". Add them to variables.");
        }
    }

    public static String render(Mustache template, Map<String, String> variables) {
        StringWriter out = new StringWriter();
        template.execute(out, variables);
        return out.toString();
    }

    private static void collect(Code[] codes, Set<String> names) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            String name = code.getName();
            // A comment's name is its text without the '!', so it is told apart by its kind, not by its name.
            if (name != null && !name.isBlank() && !(code instanceof CommentCode)) {
                names.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            }
            if (code instanceof Mustache nested) {
                collect(nested.getCodes(), names);
            } else {
                collect(code.getCodes(), names);
            }
        }
    }
}
