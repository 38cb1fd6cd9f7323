package dev.modelgate.maturity;

/** The two published maturity models an answer is scored on. */
public enum Scale {
  /** Google Cloud: MLOps levels 0 (manual) to 2 (CI/CD pipeline automation). */
  GOOGLE(2),
  /** Microsoft: MLOps maturity levels 0 (no MLOps) to 4 (full MLOps automated operations). */
  MICROSOFT(4);

  private final int max;

  Scale(int max) {
    this.max = max;
  }

  public int max() {
    return max;
  }

  public String id() {
    return name().toLowerCase();
  }
}
