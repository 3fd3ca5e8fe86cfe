import type {
  ConformityItemCode,
  EnhancementGroupCode,
  EnhancementPolicy,
  ManagementDimension,
  ServiceCharacteristic,
  TestMethod,
} from '../shared/evaluation';

/** A name in the rule's Chinese and a faithful English rendering. */
export interface Label {
  zh: string;
  en: string;
}

/** One row of an Annex D score sheet: 评价项目 / 评价内容 / 分值. The maximum is the item's weight (R-SCORE-1). */
export interface ScoreItem {
  /** Stable, hierarchical and readable, e.g. `STRATEGY.GOALS.CLARITY`. */
  code: string;
  label: Label;
  max: number;
  /** 评价内容; null where the rule gives none (only D.1.1 has content text). */
  content: string | null;
}

/** An Annex D score sheet, i.e. a 二级指标 of §13.1.1. */
export interface ScoreSheet {
  /** Annex D number, e.g. `D.1.1`. */
  code: string;
  label: Label;
  max: number;
  items: ScoreItem[];
}

/** A 一级指标 of §13.1.1 with its Annex C formula number and its C.5 weight in the composite. */
export interface DimensionDefinition {
  dimension: ManagementDimension;
  /** Annex C number, e.g. `C.1`. */
  code: string;
  label: Label;
  /** C.5: 0.20 | 0.35 | 0.35 | 0.10 in V1.0. */
  compositeWeight: number;
  sheets: ScoreSheet[];
}

/** §13.1.2 提升指标: scored like management items but kept outside the composite (R-SCORE-3). */
export interface EnhancementGroup {
  code: EnhancementGroupCode;
  label: Label;
  items: ScoreItem[];
}

/** R-SCORE-4: a requirement assessed conform / nonconform, without weight. */
export interface ConformityItem {
  code: ConformityItemCode;
  label: Label;
  /** The clause of the rule, e.g. `§11.7`. */
  clause: string;
}

/** §5.1.1: a service characteristic and the aspects it is tested on. */
export interface CharacteristicDefinition {
  characteristic: ServiceCharacteristic;
  label: Label;
  clause: string;
  aspects: Label[];
}

/** The indicator system of a scheme version (§13, Annex C, Annex D, §5.1): data, not code (R-SCORE-7). */
export interface EvaluationScheme {
  dimensions: DimensionDefinition[];
  enhancement: EnhancementGroup[];
  conformityItems: ConformityItem[];
  characteristics: CharacteristicDefinition[];
  /** §5.1.2 */
  testMethods: { code: TestMethod; label: Label }[];
  /** R-SCORE-3 (Decision Q16 default ADD_CAPPED_AT_100). */
  enhancementPolicy: EnhancementPolicy;
}

/** A management item with the sheet and dimension it belongs to. */
export interface ManagementItemRef {
  item: ScoreItem;
  sheet: ScoreSheet;
  dimension: DimensionDefinition;
}

/** Every management item of the scheme, in scheme order. */
export const managementItems = (scheme: EvaluationScheme): ManagementItemRef[] =>
  scheme.dimensions.flatMap((dimension) =>
    dimension.sheets.flatMap((sheet) => sheet.items.map((item) => ({ item, sheet, dimension }))),
  );

/** Every enhancement item of the scheme, with its group, in scheme order. */
export const enhancementItems = (scheme: EvaluationScheme): { item: ScoreItem; group: EnhancementGroup }[] =>
  scheme.enhancement.flatMap((group) => group.items.map((item) => ({ item, group })));
