// R4: dashboard widgets aggregate only records shared to the portal; without view on the
// model or on any field the widget uses, the answer is "no access" and no number is sent.
import { labelIn, type EnumOption } from '../world/models.js';
import type { Widget } from '../world/schema.js';
import type { RecordReader } from '../ports/record-plan.js';
import { sharedPlan } from './records.js';
import type { Viewer } from './viewer.js';

export type WidgetResult =
  | { status: 'ok'; kind: 'count' | 'sum' | 'average'; value: number }
  | {
      status: 'ok';
      kind: 'group' | 'series';
      groups: { key: string; value: number; label?: string }[];
      keyType: 'text' | 'boolean' | 'month';
    }
  | { status: 'no_access'; message: string };

export const NO_ACCESS_MESSAGE = "Can't show this widget. You have no access";

export function widgetFields(widget: Widget): string[] {
  return [widget.field, widget.groupBy].filter((f): f is string => !!f);
}

export async function computeWidget(
  viewer: Viewer,
  reader: RecordReader,
  widget: Widget,
): Promise<WidgetResult> {
  const plan = sharedPlan(viewer, widget.model);
  if (!plan || !widgetFields(widget).every((f) => viewer.rights(widget.model).viewableSet.has(f))) {
    return { status: 'no_access', message: NO_ACCESS_MESSAGE };
  }
  switch (widget.kind) {
    case 'count': {
      const result = await reader.aggregate(plan, { kind: 'count' });
      return { status: 'ok', kind: 'count', value: result.kind === 'count' ? result.count : 0 };
    }
    case 'sum':
    case 'average': {
      const result = await reader.aggregate(plan, { kind: 'numbers', field: widget.field! });
      const { sum, count } = result.kind === 'numbers' ? result : { sum: 0, count: 0 };
      const value = widget.kind === 'sum' ? sum : count ? sum / count : 0;
      return { status: 'ok', kind: widget.kind, value };
    }
    case 'group':
    case 'series': {
      // group: count (or sum of `field`) per groupBy value; series: per month of the date field `groupBy`.
      const def = viewer.schema.field(widget.model, widget.groupBy!);
      const type = def?.type;
      const month = type === 'date' || widget.kind === 'series';
      const result = await reader.aggregate(plan, {
        kind: 'groups',
        by: widget.groupBy!,
        month,
        ...(widget.field ? { sum: widget.field } : {}),
      });
      let groups = result.kind === 'groups' ? result.groups.map(([key, value]) => ({ key, value })) : [];
      // An enum's groups follow its options (low, medium, high — not the alphabet), labelled.
      if (def?.options && !month) groups = enumGroups(def.options, groups, viewer.locale);
      const keyType = month ? 'month' : type === 'boolean' ? 'boolean' : 'text';
      return { status: 'ok', kind: widget.kind, groups, keyType };
    }
  }
}

/** Groups of an enum field in the options' order with their labels; values outside the options last. */
function enumGroups(
  options: readonly EnumOption[],
  groups: { key: string; value: number }[],
  locale: string,
): { key: string; value: number; label?: string }[] {
  const position = new Map(options.map((o, i) => [o.value, i]));
  return groups
    .map((g) => {
      const option = options[position.get(g.key) ?? -1];
      return option ? { ...g, label: labelIn(option, locale) } : g;
    })
    .sort((a, b) => (position.get(a.key) ?? options.length) - (position.get(b.key) ?? options.length));
}
