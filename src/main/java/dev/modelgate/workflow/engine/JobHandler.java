package dev.modelgate.workflow.engine;

import java.util.Map;

/** Handles one job type: returns the variables to complete the job with, or throws. */
public interface JobHandler {

  String jobType();

  Map<String, Object> handle(JobInput job) throws Exception;
}
