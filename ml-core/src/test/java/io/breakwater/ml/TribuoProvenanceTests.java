package io.breakwater.ml;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.beanutils.BeanUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.DataSource;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.provenance.ModelProvenance;

/**
 * Tribuo's provenance survives the dependency hygiene of issue 20 (item 4): commons-beanutils pinned to the fixed
 * release (through opencsv, which Tribuo's CSV loader uses), jline and jansi excluded. A model trained from a CSV file
 * keeps its provenance (trainer, data source, the file's hash) through JSON and back, as the model registry stores it.
 */
class TribuoProvenanceTests {
    @TempDir
    Path dir;

    @Test
    void beanutilsIsTheFixedRelease() {
        assertThat(BeanUtils.class.getPackage().getImplementationVersion()).isEqualTo("1.11.0");
    }

    @Test
    void provenanceOfAModelTrainedFromACsvRoundTripsThroughJson() throws Exception {
        Path csv = dir.resolve("panel.csv");
        StringBuilder rows = new StringBuilder("age,breaks,label\n");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            double age = random.nextDouble() * 100;
            int breaks = random.nextInt(4);
            rows.append(age).append(',').append(breaks).append(',')
                    .append(age / 100 + breaks / 4.0 + random.nextGaussian() * 0.2 > 1 ? "break" : "none").append('\n');
        }
        Files.writeString(csv, rows);
        DataSource<Label> source = new CSVLoader<>(new LabelFactory()).loadDataSource(csv, "label");
        Model<Label> model = new LogisticRegressionTrainer().train(new MutableDataset<>(source));

        JsonProvenanceSerialization json = new JsonProvenanceSerialization(false);
        String text = json.marshalAndSerialize(model.getProvenance());
        ObjectProvenance back = json.deserializeAndUnmarshal(text);

        assertThat(back).isInstanceOf(ModelProvenance.class).isEqualTo(model.getProvenance());
        assertThat(text).contains("LogisticRegressionTrainer").contains(csv.getFileName().toString())
                .contains("resource-hash");
        assertThat(((ModelProvenance) back).getDatasetProvenance().getNumExamples()).isEqualTo(200);
    }
}
