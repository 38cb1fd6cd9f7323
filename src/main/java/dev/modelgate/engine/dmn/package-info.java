/**
 * DMN decisions: parsing decision requirements graphs (DRGs) at deployment, and evaluating their
 * decisions with Camunda's Apache-2.0 DMN engine ({@code org.camunda.bpm.extension.dmn.scala:dmn-engine}).
 *
 * <ul>
 *   <li>{@link dev.modelgate.engine.dmn.DmnResource} — one {@code .dmn} resource → a {@link
 *       dev.modelgate.engine.dmn.ParsedDrg}, or a refusal naming the resource and the problem.
 *   <li>{@link dev.modelgate.engine.dmn.DecisionEvaluator} — evaluates a decision of a parsed DRG
 *       against variables, with a caller-given clock; failures are values. It knows nothing of the
 *       engine's state, so other features (a team's gate as a decision table) can use it as is.
 *   <li>{@link dev.modelgate.engine.dmn.DecisionDeployment} — versions deployed DRGs and their
 *       decisions and writes them as events ({@code DecisionRequirementsDeployed}, {@code DecisionDeployed}).
 *       A process version is bound to the decisions deployed with it by {@code DeployedDecisionsBound}.
 *   <li>{@link dev.modelgate.engine.dmn.DecisionBehavior} — finds a deployed decision (latest version by
 *       id, or by key) and evaluates it: for business rule tasks and the EvaluateDecision command. Every evaluation is a
 *       {@code DecisionEvaluated} event with its key (Zeebe's DecisionEvaluation record); the outcome's
 *       effects are events of their own (the task's variables, its incident), so replay never evaluates.
 * </ul>
 *
 * <p>History: the evaluation events sit in the event log (a business rule task's under its process
 * instance in the {@code pi} index); there is no history query for decisions yet.
 */
package dev.modelgate.engine.dmn;
