package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/**
 * Reads a synthesized template the way a reviewer does: resources by type and name, intrinsic functions rendered as
 * text ({@code ${Logical.Arn}}, {@code ${AWS::Region}}), IAM statements per role.
 */
final class TemplateView {

    /** One IAM statement: sorted actions, rendered resources, the condition as rendered JSON-ish text. */
    record Statement(String effect, List<String> actions, List<String> resources, String condition) {}

    private final Map<String, Object> json;

    TemplateView(Template template) {
        this.json = template.toJSON();
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) json.get("Resources");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> outputs() {
        return (Map<String, Map<String, Object>>) json.get("Outputs");
    }

    /** Logical ids of the resources of this type. */
    List<String> ids(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resources().get(logicalId).get("Properties");
    }

    /** The one resource of this type whose property has this value. */
    String id(String type, String property, Object value) {
        List<String> matches = ids(type).stream()
                .filter(id -> value.equals(properties(id).get(property)))
                .toList();
        assertThat(matches).as("%s with %s = %s", type, property, value).hasSize(1);
        return matches.get(0);
    }

    /** Every statement of every policy attached to this role, in order. */
    @SuppressWarnings("unchecked")
    List<Statement> statements(String roleId) {
        List<Statement> statements = new ArrayList<>();
        for (String policy : ids("AWS::IAM::Policy")) {
            Map<String, Object> props = properties(policy);
            List<Object> roles = (List<Object>) props.get("Roles");
            if (!roles.contains(Map.of("Ref", roleId))) {
                continue;
            }
            Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
            for (Object raw : (List<Object>) document.get("Statement")) {
                Map<String, Object> s = (Map<String, Object>) raw;
                statements.add(new Statement(
                        (String) s.get("Effect"),
                        new ArrayList<>(new TreeSet<>(list(s.get("Action")).stream()
                                .map(Object::toString)
                                .toList())),
                        list(s.get("Resource")).stream()
                                .map(TemplateView::render)
                                .toList(),
                        s.containsKey("Condition") ? render(s.get("Condition")) : null));
            }
        }
        return statements;
    }

    /** Every statement in the template, whoever holds it (roles, topics, secrets...). */
    @SuppressWarnings("unchecked")
    List<Statement> allStatements() {
        List<Statement> statements = new ArrayList<>();
        for (String policy : ids("AWS::IAM::Policy")) {
            Map<String, Object> document =
                    (Map<String, Object>) properties(policy).get("PolicyDocument");
            for (Object raw : (List<Object>) document.get("Statement")) {
                Map<String, Object> s = (Map<String, Object>) raw;
                statements.add(new Statement(
                        (String) s.get("Effect"),
                        list(s.get("Action")).stream()
                                .map(Object::toString)
                                .sorted()
                                .toList(),
                        list(s.get("Resource")).stream()
                                .map(TemplateView::render)
                                .toList(),
                        s.containsKey("Condition") ? render(s.get("Condition")) : null));
            }
        }
        return statements;
    }

    /** {@code {"Fn::GetAtt": ["X", "Arn"]}} as {@code ${X.Arn}}, {@code {"Ref": "X"}} as {@code ${X}}, joins joined. */
    @SuppressWarnings("unchecked")
    static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<String, Object> entry =
                    ((Map<String, Object>) map).entrySet().iterator().next();
            switch (entry.getKey()) {
                case "Ref":
                    return "${" + entry.getValue() + "}";
                case "Fn::GetAtt":
                    return "${" + String.join(".", (List<String>) entry.getValue()) + "}";
                case "Fn::Join":
                    List<Object> join = (List<Object>) entry.getValue();
                    return ((List<Object>) join.get(1))
                            .stream().map(TemplateView::render).collect(Collectors.joining((String) join.get(0)));
                default:
                    break;
            }
        }
        if (value instanceof Map<?, ?> map) {
            return ((Map<String, Object>) map)
                    .entrySet().stream()
                            .map(e -> e.getKey() + "=" + render(e.getValue()))
                            .sorted()
                            .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> items) {
            return items.stream().map(TemplateView::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> items ? (List<Object>) items : List.of(value);
    }
}
