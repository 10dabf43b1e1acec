// The design choices the scenario runner offers, by config path: the models' own lists of valid values.
// A path a scenario's config lacks is simply not offered for that scenario.
import { durabilityModes } from '../../models/logstore/store.js';
import { cacheModes, persistenceModes, projectionModes } from '../../models/readmodel/config.js';
import { designs } from '../../models/replication/config.js';
import { designChoices } from '../../reports/config-header.js';
import type { BaseConfig } from '../../scenarios/types.js';

const choicesByKey: Record<string, readonly string[]> = { design: designs, durability: durabilityModes, persistence: persistenceModes, projection: projectionModes, cache: cacheModes };

export interface DesignOption {
  path: string;
  choices: readonly string[];
  value: string;
}

export function designOptions(config: BaseConfig): DesignOption[] {
  return designChoices(config).flatMap((assignment) => {
    const equals = assignment.indexOf('=');
    const path = assignment.slice(0, equals);
    const choices = choicesByKey[path.split('.').pop() ?? ''];
    return choices === undefined ? [] : [{ path, choices, value: assignment.slice(equals + 1) }];
  });
}
