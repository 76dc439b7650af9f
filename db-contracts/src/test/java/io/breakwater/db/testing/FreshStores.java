package io.breakwater.db.testing;

import io.breakwater.db.BreakwaterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** The arguments of {@link EachStore}: one fresh store per kind, opened as the test needs it. */
final class FreshStores implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("breakwater-test-");
        List<BreakwaterStore> opened = new ArrayList<>();
        context.getStore(ExtensionContext.Namespace.create(FreshStores.class, context.getUniqueId()))
                .put(dir, (ExtensionContext.Store.CloseableResource) () -> {
                    opened.forEach(BreakwaterStore::close); // closing twice is harmless
                    delete(dir);
                });
        return Arrays.stream(TestStores.Kind.values()).map(kind -> {
            BreakwaterStore store = TestStores.fresh(kind, dir);
            opened.add(store);
            return Arguments.of(Named.of(kind.name(), store));
        });
    }

    private static void delete(Path dir) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(dir)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.delete(p);
        }
    }
}
