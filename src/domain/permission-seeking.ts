/**
 * Questions that only ask for permission to go on (SPEC §22 item 116). Nobody
 * is there to answer them, so both the `ask_question` tool and the `question`
 * signal refuse them and the agent must proceed on its own.
 */
const PERMISSION_SEEKING = [
  /\b(should|shall|may|can|could) i (proceed|continue|go ahead|start|begin|make|apply|implement)\b/,
  /\bdo you want me to\b/,
  /\bwould you like me to\b/,
  /\bis it (ok|okay|alright|all right|fine) (if|to|for me)\b/,
  /\blet me know if\b/,
  /\b(ok|okay) to (proceed|continue)\b/,
];

/** True for questions that only ask for permission to go on. */
export function isPermissionSeeking(question: string): boolean {
  const q = question.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ");
  return PERMISSION_SEEKING.some((re) => re.test(q));
}
