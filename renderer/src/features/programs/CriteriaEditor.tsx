import { createContext, use, useId, type ReactNode } from 'react';
import { MISSING_CODE, MISSING_LABEL, type AttributeMeta } from '../../../../shared/analysis/attributes.ts';
import type { RecipientProgramName } from '../../../../shared/contracts/interventions.ts';
import type { Region } from '../../../../shared/model/region.ts';
import { useI18n } from '../../i18n/useT.ts';
import { GROUP_LABEL, GROUP_ORDER } from '../analysis/analysisModel.ts';
import { RegionSearch } from '../region-picker/RegionSearch.tsx';
import { useRegionChildren } from '../region-picker/useRegionChildren.ts';
import { useRegionPath } from '../region-picker/useRegionPath.ts';
import {
  addChild, emptyGroup, newAttr, newLeaf, newMemberDraft, removeNode, updateNode, type AttrNode, type EditNode, type GroupNode,
  type MembersNode, type NextId, type ReceivesNode, type RegionNode,
} from './criteriaModel.ts';
import { IntInput } from './IntInput.tsx';
import { MemberConditionEditor } from './MemberConditionEditor.tsx';

interface EditorContextValue {
  readonly familyAttributes: readonly AttributeMeta[];
  readonly personAttributes: readonly AttributeMeta[];
  readonly recipients: readonly RecipientProgramName[];
  readonly province: Region;
  readonly nextId: NextId;
  /** Said under an attribute's name when the chosen data source leaves it empty. */
  readonly missingNote: (attribute: string) => string | null;
  readonly change: (id: number, f: (n: EditNode) => EditNode | null) => void;
  readonly add: (groupId: number, child: EditNode) => void;
  readonly remove: (id: number) => void;
}

const EditorContext = createContext<EditorContextValue | null>(null);

function useEditor(): EditorContextValue {
  const v = use(EditorContext);
  if (!v) throw new Error('CriteriaEditor context missing');
  return v;
}

export interface CriteriaEditorProps {
  readonly root: GroupNode;
  readonly onChange: (root: GroupNode) => void;
  readonly nextId: NextId;
  readonly familyAttributes: readonly AttributeMeta[];
  readonly personAttributes: readonly AttributeMeta[];
  readonly recipients: readonly RecipientProgramName[];
  readonly province: Region;
  readonly missingNote: (attribute: string) => string | null;
}

/**
 * The visual criteria editor: groups of conditions joined by DAN or ATAU, any of them turned
 * around with BUKAN, and four kinds of conditions — a family attribute, the family's members, the
 * region, a program the family already receives. Groups nest. What is not complete yet is shown
 * as such and left out of the count.
 */
export function CriteriaEditor({ root, onChange, nextId, familyAttributes, personAttributes, recipients, province, missingNote }: CriteriaEditorProps) {
  const value: EditorContextValue = {
    familyAttributes,
    personAttributes,
    recipients,
    province,
    nextId,
    missingNote,
    change: (id, f) => onChange(updateNode(root, id, f)),
    add: (groupId, child) => onChange(addChild(root, groupId, child)),
    remove: (id) => onChange(removeNode(root, id)),
  };
  return (
    <EditorContext value={value}>
      <div className="cr-editor" data-testid="criteria-editor">
        <GroupEditor node={root} depth={0} />
      </div>
    </EditorContext>
  );
}

function NodeEditor({ node, depth }: { readonly node: EditNode; readonly depth: number }) {
  switch (node.kind) {
    case 'group':
      return <GroupEditor node={node} depth={depth} />;
    case 'attr':
      return <AttrEditor node={node} />;
    case 'members':
      return <MembersEditor node={node} />;
    case 'region':
      return <RegionEditor node={node} />;
    case 'receives':
      return <ReceivesEditor node={node} />;
  }
}

/** "BUKAN" and "Hapus" for one condition or group. */
function NodeTools({ node, name }: { readonly node: EditNode; readonly name: string }) {
  const { t } = useI18n();
  const ed = useEditor();
  return (
    <div className="cr-tools">
      <label className="checkbox cr-not">
        <input type="checkbox" checked={node.negated} onChange={(e) => ed.change(node.id, (n) => ({ ...n, negated: e.target.checked }))} />
        <span>{t('prog.cr.not')}</span>
      </label>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => ed.remove(node.id)} aria-label={t('prog.cr.removeNamed', { name })}>
        {t('prog.cr.remove')}
      </button>
    </div>
  );
}

function GroupEditor({ node, depth }: { readonly node: GroupNode; readonly depth: number }) {
  const { t } = useI18n();
  const ed = useEditor();
  const base = useId();
  const joiner = node.op === 'and' ? t('prog.cr.joinAnd') : t('prog.cr.joinOr');
  return (
    <div className={`cr-group${node.negated ? ' is-negated' : ''}${depth === 0 ? ' is-root' : ''}`} data-kind="group" data-op={node.op}>
      <div className="cr-group-head">
        {node.negated ? <span className="cr-not-badge">{t('prog.cr.notBadge')}</span> : null}
        <div className="cr-op" role="radiogroup" aria-label={t(depth === 0 ? 'prog.cr.rootOpLabel' : 'prog.cr.groupOpLabel')}>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-op`} checked={node.op === 'and'} onChange={() => ed.change(node.id, (n) => (n.kind === 'group' ? { ...n, op: 'and' } : n))} />
            <span>{t('prog.cr.and')}</span>
          </label>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-op`} checked={node.op === 'or'} onChange={() => ed.change(node.id, (n) => (n.kind === 'group' ? { ...n, op: 'or' } : n))} />
            <span>{t('prog.cr.or')}</span>
          </label>
        </div>
        {depth > 0 ? <NodeTools node={node} name={t('prog.cr.group')} /> : null}
      </div>
      {node.items.length === 0 ? (
        <p className="field-note">{depth === 0 ? t('prog.cr.emptyRoot') : t('prog.cr.emptyGroup')}</p>
      ) : (
        <ol className="cr-items">
          {node.items.map((item, i) => (
            <li key={item.id} className="cr-item">
              {i > 0 ? <span className="cr-joiner" aria-hidden="true">{joiner}</span> : null}
              <NodeEditor node={item} depth={depth + 1} />
            </li>
          ))}
        </ol>
      )}
      <AddBar group={node} />
    </div>
  );
}

function AddBar({ group }: { readonly group: GroupNode }) {
  const { t, label } = useI18n();
  const ed = useEditor();
  const selectId = useId();
  const grouped = GROUP_ORDER.map((g) => ({ group: g, attributes: ed.familyAttributes.filter((a) => a.group === g) })).filter((g) => g.attributes.length > 0);
  return (
    <div className="cr-add">
      <label className="sr-only" htmlFor={selectId}>
        {t('prog.cr.addAttr')}
      </label>
      <select
        id={selectId}
        className="select select-small"
        value=""
        onChange={(e) => {
          if (e.target.value) ed.add(group.id, newAttr(ed.nextId, e.target.value));
        }}
      >
        <option value="">{t('prog.cr.addAttr')}</option>
        {grouped.map((g) => (
          <optgroup key={g.group} label={t(GROUP_LABEL[g.group])}>
            {g.attributes.map((a) => (
              <option key={a.key} value={a.key}>
                {label(a)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => ed.add(group.id, newLeaf(ed.nextId, 'members'))}>
        {t('prog.cr.addMembers')}
      </button>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => ed.add(group.id, newLeaf(ed.nextId, 'region'))}>
        {t('prog.cr.addRegion')}
      </button>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => ed.add(group.id, newLeaf(ed.nextId, 'receives'))}>
        {t('prog.cr.addReceives')}
      </button>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => ed.add(group.id, emptyGroup(ed.nextId, group.op === 'and' ? 'or' : 'and'))}>
        {t('prog.cr.addGroup')}
      </button>
    </div>
  );
}

function Leaf({ node, name, kind, children, empty, dataAttribute }: {
  readonly node: EditNode;
  readonly name: string;
  readonly kind: string;
  readonly children: ReactNode;
  readonly empty: boolean;
  readonly dataAttribute?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className={`cr-leaf${node.negated ? ' is-negated' : ''}${empty ? ' is-empty' : ''}`} data-kind={kind} data-attribute={dataAttribute}>
      <legend className="cr-leaf-name">
        {node.negated ? <span className="cr-not-badge">{t('prog.cr.notBadge')}</span> : null}
        {name}
      </legend>
      <NodeTools node={node} name={name} />
      <div className="cr-leaf-body">
        {children}
        {empty ? <p className="field-note">{t('prog.cr.incomplete')}</p> : null}
      </div>
    </fieldset>
  );
}

function AttrEditor({ node }: { readonly node: AttrNode }) {
  const { t, label } = useI18n();
  const ed = useEditor();
  const base = useId();
  const meta = ed.familyAttributes.find((a) => a.key === node.attribute);
  const name = meta ? label(meta) : node.attribute;
  const set = (patch: Partial<AttrNode>) => ed.change(node.id, (n) => (n.kind === 'attr' ? { ...n, ...patch } : n));
  const empty = node.mode === 'range' ? node.min === null && node.max === null : node.values.length === 0;
  const values = meta ? [...meta.values, { code: MISSING_CODE, ...MISSING_LABEL }] : [];
  const missing = ed.missingNote(node.attribute);
  return (
    <Leaf node={node} name={name} kind="attr" empty={empty} dataAttribute={node.attribute}>
      {missing ? <p className="field-note warn-text">{missing}</p> : null}
      {meta?.ordered ? (
        <div className="an-filter-mode" role="radiogroup" aria-label={t('prog.cr.modeLabel', { name })}>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-mode`} checked={node.mode === 'values'} onChange={() => set({ mode: 'values' })} />
            <span>{t('prog.cr.modeValues')}</span>
          </label>
          <label className="an-inline-choice">
            <input type="radio" name={`${base}-mode`} checked={node.mode === 'range'} onChange={() => set({ mode: 'range' })} />
            <span>{t('prog.cr.modeRange')}</span>
          </label>
        </div>
      ) : null}
      {node.mode === 'range' && meta ? (
        <div className="an-filter-range">
          <CodeSelect id={`${base}-min`} text={t('prog.cr.from')} meta={meta} value={node.min} onChange={(min) => set({ min })} />
          <CodeSelect id={`${base}-max`} text={t('prog.cr.to')} meta={meta} value={node.max} onChange={(max) => set({ max })} />
        </div>
      ) : (
        <ul className="an-filter-values">
          {values.map((v) => (
            <li key={v.code}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={node.values.includes(v.code)}
                  onChange={(e) => set({ values: e.target.checked ? [...node.values.filter((x) => x !== v.code), v.code] : node.values.filter((x) => x !== v.code) })}
                />
                <span>{label(v)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </Leaf>
  );
}

/** One end of a range over an ordered attribute's codes, or none (open end). */
function CodeSelect({ id, text, meta, value, onChange }: {
  readonly id: string;
  readonly text: string;
  readonly meta: AttributeMeta;
  readonly value: number | null;
  readonly onChange: (next: number | null) => void;
}) {
  const { label } = useI18n();
  return (
    <span className="an-inline-choice">
      <label htmlFor={id}>{text}</label>
      <select id={id} className="select select-small" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">—</option>
        {meta.values.map((v) => (
          <option key={v.code} value={v.code}>
            {label(v)}
          </option>
        ))}
      </select>
    </span>
  );
}

function MembersEditor({ node }: { readonly node: MembersNode }) {
  const { t } = useI18n();
  const ed = useEditor();
  const base = useId();
  const set = (patch: Partial<MembersNode>) => ed.change(node.id, (n) => (n.kind === 'members' ? { ...n, ...patch } : n));
  return (
    <Leaf node={node} name={t('prog.cr.members')} kind="members" empty={false}>
      <div className="cr-members-count">
        <label htmlFor={`${base}-least`}>{t('prog.cr.atLeast')}</label>
        <IntInput id={`${base}-least`} value={node.atLeast} min={0} max={50} width={3} onChange={(v) => set({ atLeast: v ?? 0 })} />
        <label htmlFor={`${base}-most`}>{t('prog.cr.atMost')}</label>
        <IntInput id={`${base}-most`} value={node.atMost} min={0} max={50} width={3} onChange={(v) => set({ atMost: v })} />
        <span>{t('prog.cr.membersWho')}</span>
      </div>
      {node.where.length === 0 ? <p className="field-note">{t('prog.cr.anyMember')}</p> : null}
      <ul className="cr-member-list">
        {node.where.map((w, i) => (
          <li key={w.id}>
            {i > 0 ? <span className="cr-joiner">{t('prog.cr.joinAnd')}</span> : null}
            <MemberConditionEditor
              cond={w}
              attributes={ed.personAttributes}
              onChange={(next) => set({ where: node.where.map((x) => (x.id === w.id ? next : x)) })}
              onRemove={() => set({ where: node.where.filter((x) => x.id !== w.id) })}
            />
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => set({ where: [...node.where, newMemberDraft(ed.nextId)] })}>
        {t('prog.cr.addMemberTrait')}
      </button>
    </Leaf>
  );
}

function RegionChip({ code, onRemove }: { readonly code: string; readonly onRemove: () => void }) {
  const { t } = useI18n();
  const path = useRegionPath(code);
  const name = path.data?.at(-1)?.code === code ? (path.data.at(-1)?.name ?? code) : code;
  return (
    <li className="cr-chip" data-code={code}>
      <span>{name}</span> <span className="figures-code">{code}</span>
      <button type="button" className="cr-chip-remove" onClick={onRemove} aria-label={t('prog.cr.removeRegion', { name })}>
        ×
      </button>
    </li>
  );
}

function RegionEditor({ node }: { readonly node: RegionNode }) {
  const { t } = useI18n();
  const ed = useEditor();
  const selectId = useId();
  const kabupaten = useRegionChildren(ed.province.code);
  const addCode = (code: string) => ed.change(node.id, (n) => (n.kind === 'region' && !n.codes.includes(code) ? { ...n, codes: [...n.codes, code] } : n));
  const removeCode = (code: string) => ed.change(node.id, (n) => (n.kind === 'region' ? { ...n, codes: n.codes.filter((c) => c !== code) } : n));
  return (
    <Leaf node={node} name={t('prog.cr.region')} kind="region" empty={node.codes.length === 0}>
      {node.codes.length > 0 ? (
        <ul className="cr-chips">
          {node.codes.map((c) => (
            <RegionChip key={c} code={c} onRemove={() => removeCode(c)} />
          ))}
        </ul>
      ) : null}
      <div className="cr-region-pick">
        <div className="an-field">
          <label className="field-label" htmlFor={selectId}>
            {t('prog.cr.pickKabupaten')}
          </label>
          <select
            id={selectId}
            className="select select-small"
            value=""
            onChange={(e) => {
              if (e.target.value) addCode(e.target.value);
            }}
          >
            <option value="">—</option>
            {(kabupaten.data ?? []).map((r) => (
              <option key={r.code} value={r.code} disabled={node.codes.includes(r.code)}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <RegionSearch within={ed.province.code} onSelect={addCode} />
      </div>
    </Leaf>
  );
}

function ReceivesEditor({ node }: { readonly node: ReceivesNode }) {
  const { t, num } = useI18n();
  const ed = useEditor();
  const base = useId();
  const set = (patch: Partial<ReceivesNode>) => ed.change(node.id, (n) => (n.kind === 'receives' ? { ...n, ...patch } : n));
  // Names kept from a stored program that no imported list carries any more are still shown.
  const known = new Set(ed.recipients.map((r) => r.name));
  const names = [...ed.recipients.map((r) => ({ name: r.name, info: r })), ...node.programs.filter((p) => !known.has(p)).map((p) => ({ name: p, info: null }))];
  return (
    <Leaf node={node} name={t('prog.cr.receives')} kind="receives" empty={node.programs.length === 0}>
      {names.length === 0 ? (
        <p className="field-note">{t('prog.recipients.none')}</p>
      ) : (
        <ul className="an-filter-values cr-recipients">
          {names.map(({ name, info }) => (
            <li key={name}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={node.programs.includes(name)}
                  onChange={(e) => set({ programs: e.target.checked ? [...node.programs.filter((p) => p !== name), name] : node.programs.filter((p) => p !== name) })}
                />
                <span>
                  {name}{' '}
                  <span className="muted">
                    {info ? t('prog.recipients.info', { rows: num(info.rows), years: info.years.join(', ') || '—' }) : t('prog.recipients.gone')}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="cr-members-count">
        <label htmlFor={`${base}-from`}>{t('prog.cr.yearFrom')}</label>
        <IntInput id={`${base}-from`} value={node.yearFrom} min={2000} max={2100} width={5} onChange={(v) => set({ yearFrom: v })} />
        <label htmlFor={`${base}-to`}>{t('prog.cr.yearTo')}</label>
        <IntInput id={`${base}-to`} value={node.yearTo} min={2000} max={2100} width={5} onChange={(v) => set({ yearTo: v })} />
      </div>
    </Leaf>
  );
}
