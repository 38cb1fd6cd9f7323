package dev.modelgate.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Thymeleaf templates from the top-level {@code templates/} folder when the server runs from the
 * repository (edit and reload), else from the copy in the jar.
 */
public final class PageTemplates {

  private final TemplateEngine engine = new TemplateEngine();

  public PageTemplates(Path folder) {
    AbstractConfigurableTemplateResolver resolver;
    if (Files.isDirectory(folder)) {
      resolver = new FileTemplateResolver();
      resolver.setPrefix(folder.toAbsolutePath().normalize() + "/");
    } else {
      resolver = new ClassLoaderTemplateResolver();
      resolver.setPrefix("templates/");
    }
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
  }

  public String render(String template, Map<String, Object> variables) {
    Context context = new Context();
    context.setVariables(variables);
    return engine.process(template, context);
  }
}
