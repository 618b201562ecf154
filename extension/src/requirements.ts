import type { DatasetRef } from '@rucio-catalog/protocol';
import type { DatasetStateName, IDatasetState } from './serverApi';

export interface IDataSummary {
  text: string;
  title: string;
  level: DatasetStateName;
  /** The declared datasets this session lacks (what "Stage missing" stages). */
  missing: DatasetRef[];
}

const describe = (s: IDatasetState) => {
  const files = s.filesTotal === undefined ? '' : ` (${s.filesAvailable ?? 0}/${s.filesTotal} files here` +
    (s.mode === 'rule' && s.filesVisible !== undefined && s.filesVisible !== s.filesAvailable ? `, ${s.filesVisible} visible at the mount` : '') + ')';
  return `${s.scope}:${s.name}: ${s.state}${files}${s.detail ? ` - ${s.detail}` : ''}`;
};

/** The notebook toolbar's data state: how many declared datasets are here, on their way, missing. */
export function summarizeStates(declared: DatasetRef[], states: IDatasetState[]): IDataSummary {
  const count = (state: DatasetStateName) => states.filter(s => s.state === state).length;
  const [available, staging, missing, errors] = [count('available'), count('staging'), count('missing'), count('error')];
  const parts = [`Rucio data: ${available}/${declared.length} available`];
  if (staging) parts.push(`${staging} staging`);
  if (missing) parts.push(`${missing} missing`);
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  const level: DatasetStateName = errors ? 'error' : missing ? 'missing' : staging ? 'staging' : 'available';
  const lacking = new Set(states.filter(s => s.state === 'missing').map(s => `${s.scope}:${s.name}`));
  return {
    text: parts.join(' · '),
    title: states.map(describe).join('\n'),
    level,
    missing: declared.filter(d => lacking.has(`${d.scope}:${d.name}`))
  };
}
