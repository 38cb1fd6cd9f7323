package dev.modelgate.engine.dmn;

import dev.modelgate.engine.util.Json;
import java.util.List;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.CustomValueMapper;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/** Turns the DMN engine's FEEL values into the plain Java values the engine keeps in variables. */
final class DmnValues {
  /** FEEL's own mapper with its Java mapper first: contexts become java.util.Map, lists java.util.List. */
  private static final ValueMapper MAPPER = new ValueMapper.CompositeValueMapper(
      CollectionConverters.asScala(List.<CustomValueMapper>of(new JavaValueMapper())).toList());

  private DmnValues() {}

  static Object toJava(Val value) {
    if (value == null) {
      return null;
    }
    return Json.normalize(MAPPER.unpackVal(value));
  }
}
