package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two files of a module import each other in a circle (issue 20), except the factory pairs docs/architecture.md
 * lists under "Import circles".
 */
class ImportCircleTests {
    private static final Path ROOT = SourceTree.ROOT;
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    @Test
    void everyImportCircleInsideAModuleIsADocumentedFactoryPair() throws IOException {
        Set<Set<String>> circles = new HashSet<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path main : dirs.map(d -> d.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                circles.addAll(circles(imports(main)));
            }
        }
        assertThat(circles).as("the scan finds the documented StarSchema pair")
                .contains(Set.of("StarSchema", "StarBuilder"));
        assertThat(circles).as("import circles against docs/architecture.md").isEqualTo(documented());
    }

    /** Each class of the tree (fully qualified) with the classes of the same tree it imports. */
    private static Map<String, Set<String>> imports(Path main) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        SourceTree.javaFiles(main).forEach((file, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            if (pkg.find()) {
                String name = file.getFileName().toString();
                sources.put(pkg.group(1) + "." + name.substring(0, name.length() - 5), text);
            }
        });
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        sources.forEach((cls, text) -> {
            Set<String> targets = new TreeSet<>();
            Matcher m = SourceTree.IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(1);
                // a static import names a member: walk up to the class it belongs to
                while (imported.contains(".") && !sources.containsKey(imported)) {
                    imported = imported.substring(0, imported.lastIndexOf('.'));
                }
                if (sources.containsKey(imported) && !imported.equals(cls)) {
                    targets.add(imported);
                }
            }
            graph.put(cls, targets);
        });
        return graph;
    }

    /** The strongly connected components of more than one class, as sets of simple names (Tarjan). */
    private static List<Set<String>> circles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.get(v)) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w.substring(w.lastIndexOf('.') + 1));
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    /** The circles listed in docs/architecture.md: one bullet each, its classes in backticks. */
    private static Set<Set<String>> documented() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## Import circles") + 1);
        section = section.contains("\n## ") ? section.substring(0, section.indexOf("\n## ")) : section;
        Set<Set<String>> out = new HashSet<>();
        for (String bullet : section.split("\\R- ")) {
            Matcher names = Pattern.compile("`(\\w+)`").matcher(bullet);
            Set<String> classes = new TreeSet<>();
            while (names.find()) {
                classes.add(names.group(1));
            }
            if (bullet.matches("(?s)[\\w-]+: .*") && !classes.isEmpty()) {
                out.add(classes);
            }
        }
        return out;
    }
}
