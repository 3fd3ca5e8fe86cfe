import type { FieldProblem } from './annex-a';

/** Materials of §6.1.2 (the application form itself is Annex A). */
export const MATERIAL_CATEGORIES = [
  'BUSINESS_LICENCE', // 营业执照或组织机构代码证复印件
  'MANAGEMENT_SYSTEM_DOCUMENTS', // 智能客户服务管理体系文件
  'PERFORMANCE_DATA', // 近3个月的智能客户服务绩效数据
  'ORGANISATION_CHART', // 组织架构图和人员配置情况
  'TECHNICAL_PLAN', // 技术方案和实施计划
  'OTHER', // 其他相关证明材料
] as const;
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];

/** Every category but OTHER must be present before an application can be accepted. */
export const REQUIRED_MATERIALS: readonly MaterialCategory[] = MATERIAL_CATEGORIES.filter(
  (c) => c !== 'OTHER',
);

/** A submitted document, identified by the SHA-256 of its content (R-APP-2). */
export interface Material {
  category: MaterialCategory;
  name: string;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const validateMaterials = (materials: Material[] | undefined): FieldProblem[] => {
  if (!Array.isArray(materials)) return [{ field: 'materials', problem: 'a list of materials is required' }];
  return materials.flatMap((m, i) => {
    const problems: FieldProblem[] = [];
    if (!MATERIAL_CATEGORIES.includes(m?.category))
      problems.push({
        field: `materials[${i}].category`,
        problem: `one of ${MATERIAL_CATEGORIES.join(', ')}`,
      });
    if (typeof m?.name !== 'string' || m.name.trim() === '')
      problems.push({ field: `materials[${i}].name`, problem: 'required' });
    if (typeof m?.sha256 !== 'string' || !SHA256.test(m.sha256)) {
      problems.push({
        field: `materials[${i}].sha256`,
        problem: 'the SHA-256 of the content, 64 lowercase hex digits',
      });
    }
    return problems;
  });
};

export const missingMaterials = (materials: Material[]): MaterialCategory[] =>
  REQUIRED_MATERIALS.filter((category) => !materials.some((m) => m.category === category));
