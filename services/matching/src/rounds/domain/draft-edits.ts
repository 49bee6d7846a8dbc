import type { DraftAssignmentV1, ExpertProjectPair, RoundEditV1 } from '@civic/contracts';

/** A field of the request and the rule it breaks, as the one error shape names them. */
export interface EditProblem {
  field: string;
  rule: string;
  message: string;
}

/** What a batch of edits asks of the engine: pairs to pin (placed by hand) and pairs to take out (forbidden for the round). */
export interface EditPlan {
  pins: ExpertProjectPair[];
  removals: ExpertProjectPair[];
  problems: EditProblem[];
}

const key = (p: ExpertProjectPair) => `${p.expertId}\u0000${p.projectId}`;

/**
 * Checks a batch of edits against the draft and the round's experts and projects, and turns it into pins and
 * removals: `pin` pins the pair (an assignment already in the draft becomes hand-placed; a pair removed earlier is
 * allowed again), `remove` takes a pair of the draft out and forbids it for the round, `move` does both (off
 * `fromProjectId`, onto `projectId`). A batch that pins and removes one pair, or names something the round does not
 * know, is refused whole.
 */
export function planEdits(
  draft: readonly DraftAssignmentV1[],
  edits: readonly RoundEditV1[],
  known: { experts: ReadonlySet<string>; projects: ReadonlySet<string> },
): EditPlan {
  const inDraft = new Set(draft.map(key));
  const pins = new Map<string, ExpertProjectPair>();
  const removals = new Map<string, ExpertProjectPair>();
  const problems: EditProblem[] = [];
  edits.forEach((e, i) => {
    const at = `edits.${i}`;
    if (!known.experts.has(e.expertId)) {
      problems.push({ field: `${at}.expertId`, rule: 'inRound', message: `expert ${e.expertId} is not one of the round's experts (unavailable or without capacity when it was solved)` });
      return;
    }
    for (const [field, projectId] of [['projectId', e.projectId], ['fromProjectId', e.fromProjectId]] as const) {
      if (projectId !== null && !known.projects.has(projectId)) {
        problems.push({ field: `${at}.${field}`, rule: 'inRound', message: `project ${projectId} is not in the round's scope` });
      }
    }
    if (problems.some((p) => p.field.startsWith(`${at}.`))) return;
    const target = { expertId: e.expertId, projectId: e.projectId };
    if (e.op === 'remove') {
      if (!inDraft.has(key(target))) {
        problems.push({ field: at, rule: 'inDraft', message: `${e.expertId} is not assigned to ${e.projectId} in the draft: nothing to remove` });
        return;
      }
      removals.set(key(target), target);
      return;
    }
    if (e.op === 'move') {
      if (e.fromProjectId === null) {
        problems.push({ field: `${at}.fromProjectId`, rule: 'required', message: 'a move names the project the expert leaves (fromProjectId)' });
        return;
      }
      if (e.fromProjectId === e.projectId) {
        problems.push({ field: `${at}.fromProjectId`, rule: 'differentProject', message: 'a move goes from one project to another' });
        return;
      }
      const from = { expertId: e.expertId, projectId: e.fromProjectId };
      if (!inDraft.has(key(from))) {
        problems.push({ field: `${at}.fromProjectId`, rule: 'inDraft', message: `${e.expertId} is not assigned to ${e.fromProjectId} in the draft: nothing to move` });
        return;
      }
      if (inDraft.has(key(target))) {
        problems.push({ field: `${at}.projectId`, rule: 'notInDraft', message: `${e.expertId} is already assigned to ${e.projectId}` });
        return;
      }
      removals.set(key(from), from);
    }
    pins.set(key(target), target);
  });
  for (const [k, p] of pins) {
    if (removals.has(k)) problems.push({ field: 'edits', rule: 'consistentBatch', message: `the batch both places and removes ${p.expertId} at ${p.projectId}` });
  }
  return { pins: [...pins.values()], removals: [...removals.values()], problems };
}

/**
 * The engine's validation issues of a pinned model (the draft's kept assignments and the new pins), in the
 * administrator's words: which hard rule the edit breaks (capacity, team maximum, discipline cap, team policy, a university's project limit).
 */
export function ruleProblems(issues: ReadonlyArray<{ element: string; message: string }>, edits: readonly RoundEditV1[]): EditProblem[] {
  return issues.map((issue) => {
    const rule = /exceed capacity/.test(issue.message)
      ? 'capacity'
      : /exceed max/.test(issue.message)
        ? 'teamMaximum'
        : /discipline cap/.test(issue.message)
          ? 'disciplineCap'
          : /one-university|two universities/.test(issue.message)
            ? 'teamPolicy'
            : /more than its limit/.test(issue.message)
              ? 'universityLimit'
              : 'engineRule';
    const expert = /experts\[([^\]]+)\]/.exec(issue.element)?.[1] ?? /pinned\[(\S+) ->/.exec(issue.element)?.[1];
    const project = /projects\[([^\]]+)\]/.exec(issue.element)?.[1] ?? /-> ([^\]]+)\]/.exec(issue.element)?.[1];
    const i = edits.findIndex((e) => (expert !== undefined && e.expertId === expert) || (project !== undefined && e.projectId === project));
    return { field: i >= 0 ? `edits.${i}` : 'edits', rule, message: `${issue.element}: ${issue.message}` };
  });
}

/**
 * The issues of the engine's own validation message (`invalid matching instance (n issues): element: message; ...`),
 * for the rules it checks only while solving (a university's project limit against the pins).
 */
export function engineIssues(message: string): Array<{ element: string; message: string }> {
  const body = message.replace(/^invalid matching instance \([^)]*\): /, '');
  return body
    .split('; ')
    .filter((part) => part !== '...')
    .map((part) => {
      const at = part.indexOf(': ');
      return at < 0 ? { element: 'edits', message: part } : { element: part.slice(0, at), message: part.slice(at + 2) };
    });
}
