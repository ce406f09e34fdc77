package io.cupnet.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block in the repository's Markdown is compiled code: its imports are imports of a source
 * file in package {@code io.cupnet.docs} of some module's tests, and its code is a region of that file
 * between {@code // tag::name[]} and {@code // end::name[]}, so a renamed type breaks the build, not the docs.
 */
class DocsSnippetsTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static final Path SNIPPETS = Path.of("src/test/java/io/cupnet/docs");

    private static final String[] MODULES = { "core", "autoconfigure", "amqp", "sample-app" };

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);

    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// tag::([\\w-]+)\\[]\\n(.*?)^[ \\t]*// end::\\1\\[]", Pattern.DOTALL);

    private static final Pattern IMPORT = Pattern.compile("(?m)^import ([\\w.]+);$");

    @Test
    void everyJavaBlockInTheDocsIsARegionOfCompiledSourceWithItsImports() {
        List<Region> regions = regions();
        List<String> problems = new ArrayList<>();
        Set<String> shown = new TreeSet<>();
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                Region region = regions.stream().filter((candidate) -> candidate.code().equals(block.code()))
                    .findFirst().orElse(null);
                if (region == null) {
                    problems.add(block + " matches no tagged region of a module's " + SNIPPETS
                            + "; change both together");
                    continue;
                }
                shown.add(region.name());
                Set<String> needed = region.importsUsed();
                if (!block.imports().equals(needed)) {
                    problems.add(block + " imports " + block.imports() + " but its code uses " + needed);
                }
            }
        }
        regions.stream().map(Region::name).filter((name) -> !shown.contains(name))
            .forEach((name) -> problems.add("Region '" + name + "' is shown in no page"));
        assertThat(problems).isEmpty();
        assertThat(shown).isNotEmpty();
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md"),
                REPOSITORY.resolve("benchmarks/README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pages;
    }

    private static List<Block> blocks(Path page) {
        String text = read(page);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(text);
        while (matcher.find()) {
            int line = (int) text.substring(0, matcher.start()).lines().count() + 1;
            blocks.add(Block.parse(REPOSITORY.relativize(page) + ":" + line, matcher.group(1)));
        }
        return blocks;
    }

    private static List<Region> regions() {
        List<Region> regions = new ArrayList<>();
        for (String module : MODULES) {
            Path folder = REPOSITORY.resolve(module).resolve(SNIPPETS);
            if (Files.isDirectory(folder)) {
                regions.addAll(regions(folder));
            }
        }
        return regions;
    }

    private static List<Region> regions(Path folder) {
        List<Region> regions = new ArrayList<>();
        try (Stream<Path> sources = Files.list(folder)) {
            for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
                String text = read(source);
                Set<String> imports = importsOf(text);
                Matcher matcher = REGION.matcher(text);
                while (matcher.find()) {
                    regions.add(new Region(matcher.group(1), dedent(matcher.group(2)), imports));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return regions;
    }

    private static Set<String> importsOf(String text) {
        Set<String> imports = new TreeSet<>();
        Matcher matcher = IMPORT.matcher(text);
        while (matcher.find()) {
            imports.add(matcher.group(1));
        }
        return imports;
    }

    /** Removes the indentation that every non-blank line shares, and blank lines at either end. */
    private static String dedent(String code) {
        List<String> lines = new ArrayList<>(code.stripTrailing().lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        int indent = lines.stream().filter((line) -> !line.isBlank())
            .mapToInt((line) -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map((line) -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A Java block of a page: the imports it shows and its code. */
    private record Block(String location, Set<String> imports, String code) {

        static Block parse(String location, String text) {
            Set<String> imports = importsOf(text);
            String code = dedent(IMPORT.matcher(text).replaceAll(""));
            return new Block(location, imports, code);
        }

        @Override
        public String toString() {
            return "The Java block at " + this.location;
        }

    }

    /** A tagged region of a snippet source and the imports of its file. */
    private record Region(String name, String code, Set<String> fileImports) {

        /** The imports of the file whose simple names the region's code uses. */
        Set<String> importsUsed() {
            Map<String, String> bySimpleName = new TreeMap<>();
            this.fileImports.forEach((name) -> bySimpleName.put(name.substring(name.lastIndexOf('.') + 1), name));
            Set<String> used = new TreeSet<>();
            bySimpleName.forEach((simpleName, name) -> {
                if (Pattern.compile("\\b" + simpleName + "\\b").matcher(this.code).find()) {
                    used.add(name);
                }
            });
            return used;
        }

    }

}
