import { card, paragraph } from './cards';
import type { Language } from './contracts';
import { t } from './i18n';
import type { SkillAnswer } from './skill';

/** The answer when the model a skill needs has not been trained (or every version was refused). */
export function modelUnavailableAnswer(lang: Language, model: string, customerId?: string): SkillAnswer {
  const text = t(lang, `The ${model} model is not available yet, so I can't score this. An administrator can train it with "npm run train".`,
    `${model} 模型尚未就绪,暂时无法评分。管理员可运行 "npm run train" 进行训练。`);
  return { outcome: 'answered', result: { customerId: customerId ?? null, available: false, model }, card: card([paragraph(text, { color: 'Warning' })]), text };
}
