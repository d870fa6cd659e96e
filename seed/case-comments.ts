import type { CaseAction } from "~/cases/flow";

/** What people write at each step (demo cases here, and the 1,000,000 of bench:cases). */
export const STEP_COMMENTS: Partial<Record<CaseAction, string[]>> = {
  refuse: ["经核实，该事项属于企业之间的民事纠纷，建议通过法律途径解决", "诉求内容与此前已办结的诉求重复"],
  dispatch: ["请按职责办理，并在时限内反馈", "请尽快联系企业核实情况", "企业反映较急，请优先办理"],
  return: ["该事项不属于本部门职责，请重新派遣"],
  resolve: ["已与企业负责人电话沟通，说明了相关政策和办理流程，企业表示认可", "已现场查看并协调相关单位处理，问题已解决", "已安排专人对接，企业所需手续已办理完毕"],
  verify: ["已回访企业，确认问题已解决", "电话回访，企业对办理结果满意"],
  reject: ["企业反映问题未解决，请继续办理"], extend: ["涉及多个单位，需协调后答复"], suspend: ["等待企业补充相关材料"],
  escalate: ["涉及多个部门，需街道统筹协调"], supervise: ["该诉求已超期，请加快办理并反馈"], denyExtension: ["请在原时限内办结"],
};
