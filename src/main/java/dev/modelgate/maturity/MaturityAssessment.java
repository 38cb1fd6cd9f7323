package dev.modelgate.maturity;

import java.time.Instant;
import java.util.Map;

/** One assessment of a project: the answers given (scores are computed from them when read). */
public record MaturityAssessment(String id, String projectId, int questionnaireVersion, Map<String, String> answers,
    String note, String assessedBy, Instant at) {}
