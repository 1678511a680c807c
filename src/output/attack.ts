/**
 * A MITRE ATT&CK tactic.
 *
 * @example
 * ```ts
 * const t: AttackTactic = { id: 'TA0008', name: 'Lateral Movement', reference: 'https://attack.mitre.org/tactics/TA0008/' };
 * ```
 */
export interface AttackTactic {
  /** Tactic id (`TA0008`). */
  readonly id: string;
  /** Tactic name. */
  readonly name: string;
  /** URL on attack.mitre.org. */
  readonly reference: string;
}

/**
 * A MITRE ATT&CK technique or sub-technique, resolved for output.
 *
 * @example
 * ```ts
 * const t = attackTechnique('T1563.001');
 * t.parentId; // 'T1563'
 * ```
 */
export interface AttackTechnique {
  /** The id as given (`T1563.001`). */
  readonly id: string;
  /** The technique name, or the id when it is not in sshtrail's catalog. */
  readonly name: string;
  /** URL on attack.mitre.org. */
  readonly reference: string;
  /** The parent technique id (`T1563`), or the id itself when it is not a sub-technique. */
  readonly parentId: string;
  /** The parent technique name (or the id when unknown). */
  readonly parentName: string;
  /** The parent technique URL. */
  readonly parentReference: string;
  /** True for a sub-technique (`Txxxx.yyy`). */
  readonly isSubtechnique: boolean;
  /** The tactic it is filed under in sshtrail's output (the first one ATT&CK lists for our use). */
  readonly tactic: AttackTactic | undefined;
}

/** The ATT&CK version the names below were taken from. */
export const ATTACK_VERSION = 'v17';

const TACTICS: Readonly<Record<string, string>> = {
  TA0001: 'Initial Access',
  TA0003: 'Persistence',
  TA0004: 'Privilege Escalation',
  TA0005: 'Defense Evasion',
  TA0006: 'Credential Access',
  TA0008: 'Lateral Movement',
  TA0011: 'Command and Control',
};

/** name, tactic id */
const TECHNIQUES: Readonly<Record<string, readonly [string, string]>> = {
  T1563: ['Remote Service Session Hijacking', 'TA0008'],
  'T1563.001': ['SSH Hijacking', 'TA0008'],
  T1021: ['Remote Services', 'TA0008'],
  'T1021.004': ['SSH', 'TA0008'],
  T1078: ['Valid Accounts', 'TA0001'],
  'T1078.003': ['Local Accounts', 'TA0001'],
  T1110: ['Brute Force', 'TA0006'],
  'T1110.001': ['Password Guessing', 'TA0006'],
  'T1110.003': ['Password Spraying', 'TA0006'],
  'T1110.004': ['Credential Stuffing', 'TA0006'],
  T1548: ['Abuse Elevation Control Mechanism', 'TA0004'],
  'T1548.003': ['Sudo and Sudo Caching', 'TA0004'],
  T1098: ['Account Manipulation', 'TA0003'],
  'T1098.004': ['SSH Authorized Keys', 'TA0003'],
  T1552: ['Unsecured Credentials', 'TA0006'],
  'T1552.004': ['Private Keys', 'TA0006'],
  T1070: ['Indicator Removal', 'TA0005'],
  'T1070.002': ['Clear Linux or Mac System Logs', 'TA0005'],
  T1562: ['Impair Defenses', 'TA0005'],
  'T1562.006': ['Indicator Blocking', 'TA0005'],
  T1572: ['Protocol Tunneling', 'TA0011'],
  T1133: ['External Remote Services', 'TA0001'],
};

function isTechniqueId(id: string): boolean {
  // `T` + 4 digits, optionally `.` + 3 digits; checked by hand (no regex needed).
  if (id.length !== 5 && id.length !== 9) return false;
  if (id.charCodeAt(0) !== 84) return false;
  for (let i = 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (i === 5) {
      if (c !== 46) return false;
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}

function reference(id: string): string {
  if (!isTechniqueId(id)) return 'https://attack.mitre.org/techniques/';
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/**
 * Resolves an ATT&CK technique id to its names, URLs and tactic for the outputs. Ids not in
 * sshtrail's small catalog keep their id as their name and get no tactic.
 *
 * @param id - A technique or sub-technique id (`T1563.001`).
 * @returns The resolved technique.
 * @example
 * ```ts
 * attackTechnique('T1563.001').tactic?.name; // 'Lateral Movement'
 * ```
 */
export function attackTechnique(id: string): AttackTechnique {
  const dot = id.indexOf('.');
  const parentId = dot > 0 ? id.slice(0, dot) : id;
  const own = TECHNIQUES[id];
  const parent = TECHNIQUES[parentId];
  const tacticId = own?.[1] ?? parent?.[1];
  const tacticName = tacticId === undefined ? undefined : TACTICS[tacticId];
  return {
    id,
    name: own?.[0] ?? id,
    reference: reference(id),
    parentId,
    parentName: parent?.[0] ?? parentId,
    parentReference: reference(parentId),
    isSubtechnique: dot > 0,
    tactic:
      tacticId === undefined || tacticName === undefined
        ? undefined
        : {
            id: tacticId,
            name: tacticName,
            reference: `https://attack.mitre.org/tactics/${tacticId}/`,
          },
  };
}
