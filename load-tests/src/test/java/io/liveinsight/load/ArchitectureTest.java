package io.liveinsight.load;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.liveinsight.load", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The root holds the tools' entry point only; every package (the root too) is free of cycles. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.liveinsight.load.(**)").should().beFreeOfCycles();
}
