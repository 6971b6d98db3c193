/**
 * The API's field errors on a form (400/409 `{ details: [{ field, reason }] }`): each under its el-form-item
 * (`:error="form.errors.username"`), in Chinese; an error naming no field of the form, and every other failure,
 * as one message above it. One composable for every admin form.
 */
import { ref } from 'vue';
import { ApiError, chineseMessage, type FieldError } from '@/api/client';

/** `holidays[3]` → `holidays`, `dueSoonOffsets.0` → `dueSoonOffsets`: the form item a detail belongs to. */
export function fieldKey(field: string): string {
  return field.split(/[.[]/)[0];
}

/** The API's reasons are English sentences for developers; these are what a clerk reads. */
const REASONS: Array<[RegExp, (match: RegExpMatchArray) => string]> = [
  [/\(((?:该)?密码[^()]*)\)\s*$/, (m) => m[1]], // the password policy says it in both languages
  [/already (used|set up|taken)|is taken/, () => '已被使用，请换一个'],
  [/should not be empty|must not be empty|is required|must not be null|cannot be null/, () => '此项必填'],
  [/departmentId is required/, () => '责任单位填报员须选择所属单位'],
  [/no department with the id/, () => '所选单位不存在，请刷新后重选'],
  [/last active admin/, () => '这是最后一个启用的管理员，不能停用或改为其他角色'],
  [/username must be/, () => '用户名为 2–64 位小写字母、数字或 - _ .，以字母或数字开头'],
  [/code may hold/, () => '编码只能包含字母、数字和 - _ .，以字母或数字开头'],
  [/e-mail address|must be an email/, () => '请输入有效的邮箱地址，如 fgw@yuquan.gov.cn'],
  [/only DingTalk robots/, () => '只有钉钉机器人（加签）有密钥'],
  [/must use https|https:\/\//, () => '机器人地址须为 https:// 开头的公网地址'],
  [/loopback|private|link-local|metadata|not a public|not allowed|refused|allowlist/, () => '该地址不允许：须为公网上的机器人地址'],
  [/must be a URL|not a URL|valid URL/, () => '请输入完整的机器人 Webhook 地址'],
  [/(\d{4}-\d{2}-\d{2}) is in both holidays and workdays/, (m) => `${m[1]} 同时在放假和调休上班中`],
  [/(\d{4}-\d{2}-\d{2}) is a weekday/, (m) => `${m[1]} 是周一至周五，调休上班日应为周末`],
  [/(\S+) is not a date/, (m) => `${m[1]} 不是有效日期（YYYY-MM-DD）`],
  [/(\d{4}-\d{2}-\d{2}) is not in (\d{4})/, (m) => `${m[1]} 不在 ${m[2]} 年内`],
  [/listed twice/, () => '有日期重复'],
  [/must not be below escalateLeadAfter/, () => '不能少于抄送包联领导的天数'],
  [/HH:MM/, () => '时间格式为 HH:MM（00:00–23:59）'],
  [/must be in the future/, () => '须晚于现在'],
  [/must not be before today \((\d{4}-\d{2}-\d{2})\)/, (m) => `不能早于今天（${m[1]}）`],
  [/raising unit itself cannot be/, () => '提出单位本身不能作为协调部门'],
  [/problem type is retired/, () => '该问题类型已停用，请另选'],
  [/no problem type with this code/, () => '问题类型不存在，请刷新后重选'],
  [/not a coordinating department/, () => '不是该问题的协调部门'],
  [/names? it in departmentId/, () => '管理员代为受理时须选择协调部门'],
  [/has no 需协调事项/, () => '该填报没有需协调事项，请填写需协调解决的事项'],
  [/no owner unit/, () => '项目尚未指定责任单位，请先在项目中指定'],
  [/project is cancelled/, () => '项目已取消，不能提出问题'],
  [/no department with this id/, () => '所选单位不存在，请刷新后重选'],
  [/must not be blank/, () => '此项必填'],
  [/must not be greater than (\d+)/, (m) => `不能大于 ${m[1]}`],
  [/must not be less than (\d+)/, (m) => `不能小于 ${m[1]}`],
  [/shorter than or equal to (\d+)/, (m) => `最多 ${m[1]} 个字符`],
  [/must contain no more than (\d+)/, (m) => `最多 ${m[1]} 项`],
  [/must contain at least|should not be empty|must not be empty/, () => '至少选择一项'],
  [/must be an integer|integer number/, () => '须为整数'],
  [/must be one of|each value in/, () => '取值不在可选范围内'],
  [/unique/, () => '有重复项'],
];

export function chineseReason(reason: string): string {
  for (const [pattern, say] of REASONS) {
    const match = reason.match(pattern);
    if (match) return say(match);
  }
  return '此项填写有误';
}

export interface MappedErrors {
  /** By form field: the reasons in Chinese, joined with '；'. */
  fields: Record<string, string>;
  /** Everything the form cannot show beside a field: one sentence for the top of the form (or ''). */
  message: string;
}

/** An API failure as a form shows it. `fields`: the form's field names (the API's names); others go to the message. */
export function mapFormErrors(error: unknown, fields: readonly string[]): MappedErrors {
  const byField: Record<string, string> = {};
  const elsewhere: string[] = [];
  const details: FieldError[] = error instanceof ApiError ? error.details : [];
  for (const detail of details) {
    const key = fieldKey(detail.field);
    const reason = chineseReason(detail.reason);
    if (fields.includes(key)) {
      if (!byField[key]?.split('；').includes(reason)) byField[key] = byField[key] ? `${byField[key]}；${reason}` : reason;
    } else elsewhere.push(reason);
  }
  const matched = Object.keys(byField).length > 0;
  const message = elsewhere.length > 0 ? `${chineseMessage(error)}：${[...new Set(elsewhere)].join('；')}` : matched ? '' : chineseMessage(error);
  return { fields: byField, message };
}

/** A form's error state: `capture` an API failure, `clear` before the next submit. */
export function useFormErrors(fields: readonly string[]) {
  const errors = ref<Record<string, string>>({});
  const message = ref('');
  return {
    errors,
    message,
    clear() {
      errors.value = {};
      message.value = '';
    },
    capture(error: unknown) {
      const mapped = mapFormErrors(error, fields);
      errors.value = mapped.fields;
      message.value = mapped.message;
    },
  };
}
