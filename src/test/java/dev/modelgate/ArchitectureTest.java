package dev.modelgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package rules that keep the layers apart as the code grows. */
class ArchitectureTest {

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.modelgate");
  }

  @Test
  void configurationDependsOnNothingElseOfTheApplication() {
    classes().that().resideInAPackage("dev.modelgate.config..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.modelgate.config..", "dev.modelgate.kernel..",
            "java..")
        .because("configuration is read before anything else exists")
        .check(classes);
  }

  @Test
  void theKernelIsPlainJava() {
    classes().that().resideInAPackage("dev.modelgate.kernel..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.modelgate.kernel..", "java..")
        .because("rules every layer shares (text, addresses) must not pull in a framework or a feature")
        .check(classes);
  }

  @Test
  void storeDependsOnNothingElseOfTheApplication() {
    noClasses().that().resideInAPackage("dev.modelgate.store..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.modelgate.access..", "dev.modelgate.web..", "dev.modelgate.registry..", "dev.modelgate.workflow..",
            "dev.modelgate.engine..", "dev.modelgate.config..")
        .check(classes);
  }

  @Test
  void featuresDoNotReachForTheAssembly() {
    noClasses().that().resideOutsideOfPackage("dev.modelgate")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.ModelGate")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.Main")
        .because("features receive what they need; only the assembly knows everything")
        .check(classes);
  }

  @Test
  void servicesRefuseInDomainTermsNotHttp() {
    noClasses().that().resideOutsideOfPackages("dev.modelgate.web..", "dev.modelgate.pages..", "..pages..",
            "..api..")
        .and().haveSimpleNameNotEndingWith("Routes")
        .and().doNotHaveFullyQualifiedName("dev.modelgate.ModelGate")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.web.Problem")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.web.Refusals")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.web.Errors")
        .because("services throw kernel.Refusal; only the web edge knows statuses and problem documents")
        .check(classes);
  }

  /** The features: each owns its services, its API routes ({@code api}) and its pages ({@code pages}). */
  static final List<String> FEATURES = List.of("access", "audit", "costbenefit", "discussion", "maturity", "notify",
      "registry", "timetracking", "workflow");

  @Test
  void noFeatureImportsAnotherFeaturesPagesOrApi() {
    for (String feature : FEATURES) {
      String root = "dev.modelgate." + feature;
      noClasses().that().resideOutsideOfPackages(root + "..", "dev.modelgate")
          .should().dependOnClassesThat().resideInAnyPackage(root + "..pages..", root + "..api..")
          .because("a feature's web edge is its own: others use its services, or the page kit's extension points")
          .check(classes);
    }
  }

  @Test
  void subjectPagesGetTheDiscussionThroughTheExtensionPoint() {
    noClasses().that().resideInAnyPackage("dev.modelgate.registry..", "dev.modelgate.workflow..")
        .should().dependOnClassesThat().resideInAPackage("dev.modelgate.discussion..")
        .because("the discussion section is contributed to subject pages through pages.SubjectPages")
        .check(classes);
  }

  @Test
  void webAndAccessHaveNoCycle() {
    // The web edge and the page kit use access's core (policy, authenticator, principals, sessions' identity);
    // access's own edge (its routes, pages and feature class) uses the web edge, its core never does.
    noClasses().that().resideInAPackage("dev.modelgate.access..")
        .and().resideOutsideOfPackages("dev.modelgate.access..api..", "dev.modelgate.access..pages..")
        .and().doNotHaveFullyQualifiedName("dev.modelgate.access.AccessFeature")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelgate.web..", "dev.modelgate.pages..",
            "dev.modelgate.feature..")
        .check(classes);
    noClasses().that().resideInAnyPackage("dev.modelgate.web..", "dev.modelgate.pages..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelgate.access..api..",
            "dev.modelgate.access..pages..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.modelgate.access.AccessFeature")
        .check(classes);
  }

  @Test
  void thePageKitHoldsNoFeaturesPages() {
    noClasses().that().resideInAPackage("dev.modelgate.pages")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelgate.*..pages..")
        .because("pages/ is the kit (sessions, CSRF, templates, layout, subject pages); features' pages are theirs")
        .check(classes);
  }
}
