package com.penguinmails.identity.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.auth.Scopes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's permission matrix says what {@link Role} enforces: each row's yes/no per role is checked against the
 * role table, so neither can change alone.
 */
class RolesDocumentationTest {

    private static final Pattern SCOPE = Pattern.compile("`([a-z-]+:[a-z]+)`");
    private static final List<Role> COLUMNS = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER);

    @Test
    void theReadmeMatrixIsTheRoleTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- permission-matrix:start -->"), readme.indexOf("<!-- permission-matrix:end -->"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : table.lines().toList()) {
            if (line.startsWith("| ") && !line.startsWith("| scope") && !line.startsWith("|---")) {
                rows.add(List.of(line.substring(2, line.length() - 2).split(" \\| ")));
            }
        }
        assertThat(rows).hasSize(4);

        List<String> reads = Scopes.GRANTABLE.stream().filter(s -> s.endsWith(":read")).toList();
        check(rows.get(0), role -> reads.stream().allMatch(role::allows));

        Set<String> named = new HashSet<>();
        Matcher scopes = SCOPE.matcher(rows.get(1).get(0));
        while (scopes.find()) {
            named.add(scopes.group(1));
        }
        assertThat(named).isNotEmpty().allMatch(Scopes::isGrantable);
        check(rows.get(1), role -> named.stream().allMatch(role::allows));
        check(rows.get(1), role -> named.stream().anyMatch(role::allows));

        List<String> others = Scopes.GRANTABLE.stream().filter(s -> !s.endsWith(":read") && !named.contains(s)).toList();
        check(rows.get(2), role -> others.stream().allMatch(role::allows));
        check(rows.get(2), role -> others.stream().anyMatch(role::allows));

        check(rows.get(3), role -> role.atLeast(Role.OWNER));
    }

    private static void check(List<String> row, java.util.function.Predicate<Role> holds) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            assertThat(row.get(i + 1)).as(row.get(0) + " for " + COLUMNS.get(i).wireName()).isEqualTo(holds.test(COLUMNS.get(i)) ? "yes" : "no");
        }
    }
}
