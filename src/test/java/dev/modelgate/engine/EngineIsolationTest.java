package dev.modelgate.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine could become its own module: it uses nothing else of the application. */
class EngineIsolationTest {

  @Test
  void engineDependsOnNothingElseOfTheApplication() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.modelgate");
    noClasses().that().resideInAPackage("dev.modelgate.engine..")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "are in dev.modelgate outside dev.modelgate.engine",
            c -> c.getPackageName().startsWith("dev.modelgate")
                && !c.getPackageName().equals("dev.modelgate.engine")
                && !c.getPackageName().startsWith("dev.modelgate.engine.")))
        .because("the embedded engine must stay independent of the server")
        .check(classes);
  }
}
