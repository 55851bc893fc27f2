package io.liveinsight.event.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No source file cites a document that is not in the repository. Every {@code *.md} path a source file names is
 * resolved from the citing file's folder or from the repository root (the load tests' reports: from
 * {@code load-tests/results}) and must exist; a section it names ({@code <file>.md#<section>}) must be a heading of
 * that file. A markdown link's text is not a reference (its target is). Cites docs/README.md#the-contract-contract.
 */
class DocReferencesTest {

    /** A path ending in .md, with an optional #section; not part of a URL or of a longer word. */
    static final Pattern REFERENCE =
            Pattern.compile("(?<![\\w/.:-])((?:\\.{1,2}/)*[\\w.-]+(?:/[\\w.-]+)*\\.md)" + "(?:#([\\w-]+))?(?![\\w])");

    /** Where the load tests write the reports they cite by bare name (their latest benchmark and chaos runs). */
    private static final String LOAD_TEST_RESULTS = "load-tests/results";

    /** A bare SPEC file, as the code cited it before the contract moved into docs/contract. */
    private static final String BARE_SPEC = "SPEC" + ".md";

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    @Test
    void sources_whenTheyCiteMarkdown_citeFilesAndSectionsInTheRepository() throws IOException {
        Path root = RepositoryFiles.root();
        List<String> missing = new ArrayList<>();
        int references = 0;
        for (Path file : RepositoryFiles.sources(root)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Reference reference : references(text)) {
                references++;
                String problem = problem(root, file, reference);
                if (problem != null) {
                    missing.add(root.relativize(file) + ":" + reference.line() + ": " + problem);
                }
            }
        }
        assertThat(references).as("references found (the scan works)").isGreaterThan(20);
        assertThat(missing)
                .as("citations of documents or sections not in the repository")
                .isEmpty();
    }

    @Test
    void scan_whenABareSpecIsCited_reportsItMissing() {
        Path root = RepositoryFiles.root();
        Path citing = root.resolve("event-model/src/main/java/io/liveinsight/event/EventLimits.java");

        List<Reference> found = references("/** The limits of " + BARE_SPEC + "'s ingest contract. */");

        assertThat(found).extracting(Reference::path).containsExactly(BARE_SPEC);
        assertThat(problem(root, citing, found.get(0))).contains(BARE_SPEC);
    }

    @Test
    void scan_whenSectionsAreCited_checksThemAgainstTheHeadings() {
        Path root = RepositoryFiles.root();
        Path citing = root.resolve("README.md");

        assertThat(problem(
                        root,
                        citing,
                        references("docs/contract/events.md#limits").get(0)))
                .isNull();
        assertThat(problem(
                        root,
                        citing,
                        references("see docs/contract/events.md" + "#no-such-part")
                                .get(0)))
                .contains("no-such-part");
        assertThat(references("https://example.com/x/README.md and a.b.mdx")).isEmpty();
        assertThat(references("[events.md](docs/contract/events.md#limits)"))
                .extracting(Reference::path)
                .containsExactly("docs/contract/events.md");
    }

    record Reference(String path, String section, int line) {}

    static List<Reference> references(String text) {
        List<Reference> found = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (isUrl(text, matcher.start()) || isLinkText(text, matcher.end())) {
                continue;
            }
            int line = 1
                    + (int) text.substring(0, matcher.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            found.add(new Reference(matcher.group(1), matcher.group(2), line));
        }
        return found;
    }

    /** Part of a URL: the word it is in starts with a scheme. */
    private static boolean isUrl(String text, int start) {
        int wordStart = start;
        while (wordStart > 0
                && !Character.isWhitespace(text.charAt(wordStart - 1))
                && text.charAt(wordStart - 1) != '(') {
            wordStart--;
        }
        return text.substring(wordStart, start).contains("://");
    }

    /** The text of a markdown link, {@code [x.md](target)}: the target is the reference. */
    private static boolean isLinkText(String text, int end) {
        return text.startsWith("](", end);
    }

    /** Null when the reference resolves, else what is wrong. */
    static String problem(Path root, Path citing, Reference reference) {
        Path target = resolve(root, citing, reference.path());
        if (target == null) {
            return reference.path() + " is not in the repository";
        }
        if (reference.section() != null && !headings(target).contains(reference.section())) {
            return reference.path() + " has no section #" + reference.section();
        }
        return null;
    }

    private static Path resolve(Path root, Path citing, String path) {
        List<Path> bases = root.relativize(citing).startsWith("load-tests")
                ? List.of(citing.getParent(), root, root.resolve(LOAD_TEST_RESULTS))
                : List.of(citing.getParent(), root);
        for (Path base : bases) {
            Path candidate = base.resolve(path).normalize();
            if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The anchors of a markdown file's headings, as GitHub makes them. */
    static Set<String> headings(Path markdown) {
        try {
            Set<String> anchors = new LinkedHashSet<>();
            Matcher matcher = HEADING.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
            while (matcher.find()) {
                anchors.add(anchor(matcher.group(1)));
            }
            return anchors;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
