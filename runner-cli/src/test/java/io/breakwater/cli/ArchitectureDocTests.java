package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * docs/architecture.md draws the real module graph (issue 20, item 5): its arrows are the module dependencies the
 * poms declare (compile and runtime scope, test jars left out), and each module imports exactly the modules it
 * declares.
 */
class ArchitectureDocTests {
    private static final Path ROOT = SourceTree.ROOT;
    private static final Pattern ARROW = Pattern.compile("^\\s*([\\w-]+)\\s*-->\\s*([\\w-]+)\\s*$", Pattern.MULTILINE);

    @Test
    void theDiagramsArrowsAreThePomsModuleDependencies() throws Exception {
        Map<String, Set<String>> poms = new LinkedHashMap<>();
        for (Map.Entry<String, Path> module : modules().entrySet()) {
            poms.put(module.getKey(), declared(module.getValue()));
        }
        assertThat(poms).as("the scan reads the poms").containsKeys("db-contracts", "pipeline", "runner-cli");

        Map<String, Set<String>> drawn = new LinkedHashMap<>();
        poms.keySet().forEach(m -> drawn.put(m, new TreeSet<>()));
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```mermaid\\R(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/architecture.md holds a mermaid module graph").isTrue();
        Matcher arrow = ARROW.matcher(block.group(1));
        while (arrow.find()) {
            assertThat(poms).as("a module drawn in the diagram").containsKeys(arrow.group(1), arrow.group(2));
            drawn.get(arrow.group(1)).add(arrow.group(2));
        }
        assertThat(drawn).as("arrows of docs/architecture.md against the poms' module dependencies").isEqualTo(poms);
    }

    @Test
    void everyModuleImportsExactlyTheModulesItDeclares() throws Exception {
        Map<String, Path> modules = modules();
        Map<String, String> packages = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : modules.entrySet()) {
            packages.put(e.getKey(), text(parse(e.getValue()).getDocumentElement(), "properties", "module.name"));
        }
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Map<String, Set<String>> imported = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : modules.entrySet()) {
            declared.put(e.getKey(), declared(e.getValue()));
            imported.put(e.getKey(), imports(e.getKey(), packages));
        }
        assertThat(imported.get("pipeline")).as("the scan reads imports").contains("etl-core", "ml-core");
        assertThat(imported).as("modules imported by src/main against those the pom declares").isEqualTo(declared);
    }

    /** Module folder name to its pom, for every folder of the root holding a pom with sources. */
    private static Map<String, Path> modules() throws IOException {
        Map<String, Path> modules = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src/main")))
                    .sorted().forEach(d -> modules.put(d.getFileName().toString(), d.resolve("pom.xml")));
        }
        return modules;
    }

    /**
     * The module folders whose io.breakwater artifacts a pom depends on in compile or runtime scope (test jars left
     * out); artifactIds are {@code breakwater-}prefixed, the diagram names the folders.
     */
    private static Set<String> declared(Path pom) throws Exception {
        Map<String, String> folders = new LinkedHashMap<>();
        for (Map.Entry<String, Path> module : modules().entrySet()) {
            folders.put(child(parse(module.getValue()).getDocumentElement(), "artifactId"), module.getKey());
        }
        Set<String> out = new TreeSet<>();
        Element project = parse(pom).getDocumentElement();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            Node parent = d.getParentNode().getParentNode();
            boolean direct = parent == project;
            String scope = child(d, "scope");
            String type = child(d, "type");
            if (direct && "io.breakwater".equals(child(d, "groupId")) && (scope == null || scope.equals("runtime")
                    || scope.equals("compile")) && (type == null || type.equals("jar"))) {
                out.add(folders.getOrDefault(child(d, "artifactId"), child(d, "artifactId")));
            }
        }
        return out;
    }

    @Test
    void theBomManagesEveryPublishedLibraryAndNothingElse() throws Exception {
        Set<String> libraries = new TreeSet<>();
        for (Path pom : modules().values()) {
            Element project = parse(pom).getDocumentElement();
            if (!Set.of("breakwater-cli", "breakwater-examples", "breakwater-bench")
                    .contains(child(project, "artifactId"))) {
                libraries.add(child(project, "artifactId"));
            }
        }
        Set<String> managed = new TreeSet<>();
        NodeList entries = parse(ROOT.resolve("bom/pom.xml")).getDocumentElement().getElementsByTagName("dependency");
        for (int i = 0; i < entries.getLength(); i++) {
            managed.add(child((Element) entries.item(i), "artifactId"));
        }
        assertThat(libraries).as("the scan reads the library poms").contains("breakwater-pipeline");
        assertThat(managed).as("artifacts breakwater-bom manages against the library modules").isEqualTo(libraries);
    }

    /** The modules whose packages {@code module}'s main code imports, itself left out. */
    private static Set<String> imports(String module, Map<String, String> packages) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String text : SourceTree.javaFiles(ROOT.resolve(module).resolve("src/main/java")).values()) {
            Matcher m = SourceTree.IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(1);
                packages.forEach((other, pkg) -> {
                    if (!other.equals(module) && pkg != null && imported.startsWith(pkg + ".")) {
                        out.add(other);
                    }
                });
            }
        }
        return out;
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Element parent, String container, String name) {
        NodeList containers = parent.getElementsByTagName(container);
        for (int i = 0; i < containers.getLength(); i++) {
            String value = child((Element) containers.item(i), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
