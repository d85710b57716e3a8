// R4: dashboard widgets aggregate only records shared to the portal; without view on the
// model or on any field the widget uses, the answer is "no access" and no number is sent.
import { fieldDef } from '../world/models.js';
import type { Widget } from '../world/schema.js';
import type { Store } from '../world/store.js';
import { visibleRecords } from './records.js';
import type { Viewer } from './viewer.js';

export type WidgetResult =
  | { status: 'ok'; kind: 'count' | 'sum' | 'average'; value: number }
  | {
      status: 'ok';
      kind: 'group' | 'series';
      groups: { key: string; value: number }[];
      keyType: 'text' | 'boolean' | 'month';
    }
  | { status: 'no_access'; message: string };

export const NO_ACCESS_MESSAGE = "Can't show this widget. You have no access";

export function widgetFields(widget: Widget): string[] {
  return [widget.field, widget.groupBy].filter((f): f is string => !!f);
}

export function computeWidget(store: Store, viewer: Viewer, widget: Widget): WidgetResult {
  const rights = viewer.rights(widget.model);
  if (!rights.view || !widgetFields(widget).every((f) => rights.viewableSet.has(f))) {
    return { status: 'no_access', message: NO_ACCESS_MESSAGE };
  }
  const records = visibleRecords(store, viewer, widget.model);
  const numberOf = (v: unknown) => (typeof v === 'number' ? v : 0);
  const numeric = (rs: typeof records) => rs.filter((r) => typeof r.fields[widget.field!] === 'number');
  switch (widget.kind) {
    case 'count':
      return { status: 'ok', kind: 'count', value: records.length };
    case 'sum':
      return {
        status: 'ok',
        kind: 'sum',
        value: records.reduce((s, r) => s + numberOf(r.fields[widget.field!]), 0),
      };
    case 'average': {
      const values = numeric(records);
      const sum = values.reduce((s, r) => s + numberOf(r.fields[widget.field!]), 0);
      return { status: 'ok', kind: 'average', value: values.length ? sum / values.length : 0 };
    }
    case 'group':
    case 'series': {
      // group: count (or sum of `field`) per groupBy value; series: per month of the date field `groupBy`.
      const isDate = fieldDef(widget.model, widget.groupBy!)?.type === 'date';
      const groups = new Map<string, number>();
      for (const r of records) {
        const raw = r.fields[widget.groupBy!];
        const key =
          raw == null ? '' : isDate || widget.kind === 'series' ? String(raw).slice(0, 7) : String(raw);
        groups.set(key, (groups.get(key) ?? 0) + (widget.field ? numberOf(r.fields[widget.field]) : 1));
      }
      const sorted = [...groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key, value }));
      const type = fieldDef(widget.model, widget.groupBy!)?.type;
      const keyType = isDate || widget.kind === 'series' ? 'month' : type === 'boolean' ? 'boolean' : 'text';
      return { status: 'ok', kind: widget.kind, groups: sorted, keyType };
    }
  }
}
