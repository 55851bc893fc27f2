package io.liveinsight.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The local run (this module) and the local engines (local-engines, on the classpath) together. */
@AnalyzeClasses(packages = "io.liveinsight.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.liveinsight.local.(**)").should().beFreeOfCycles();

    /** The engines serve tests and the local run alike: they know nothing of the pipeline's modules. */
    @ArchTest
    static final ArchRule enginesKnowOnlyTheContract = noClasses()
            .that()
            .resideInAPackage("io.liveinsight.local.engines..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.liveinsight.local",
                    "io.liveinsight.local.tracker..",
                    "io.liveinsight.ingest..",
                    "io.liveinsight.processor..",
                    "io.liveinsight.dashboard..");
}
