/**
 * Renders the bot's Adaptive Cards with the official renderer (global `AdaptiveCards`, served from
 * /vendor/adaptivecards.js) in the page's light, bank-like look. Card text goes through the safe
 * Markdown subset in markdown.js, never through raw HTML.
 */
import { renderMarkdown } from './markdown.js';

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

const FONT = "'Segoe UI', system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', Roboto, sans-serif";
const color = (normal, subtle) => ({ default: normal, subtle });

const HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: FONT,
  spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 14 },
  separator: { lineThickness: 1, lineColor: '#dfe5ec' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 23 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: {
      backgroundColor: '#ffffff',
      foregroundColors: {
        default: color('#1f2a37', '#5b6877'),
        dark: color('#0f1722', '#3b4654'),
        light: color('#ffffff', '#e6ebf0'),
        accent: color('#0b5cad', '#3d7cc2'),
        good: color('#1b7a43', '#3f9464'),
        warning: color('#a05a00', '#b9792a'),
        attention: color('#b3261e', '#c9534c'),
      },
    },
    emphasis: {
      backgroundColor: '#f3f6f9',
      foregroundColors: {
        default: color('#1f2a37', '#5b6877'),
        accent: color('#0b5cad', '#3d7cc2'),
        good: color('#1b7a43', '#3f9464'),
        warning: color('#a05a00', '#b9792a'),
        attention: color('#b3261e', '#c9534c'),
      },
    },
  },
  actions: {
    // Choice lists ("which customer?") have up to 10 long buttons: stack them, left aligned, all shown.
    maxActions: 12,
    spacing: 'default',
    buttonSpacing: 6,
    actionsOrientation: 'vertical',
    actionAlignment: 'stretch',
    allowTitleToWrap: true,
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: true, weight: 'default', wrap: true, maxWidth: 190 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  table: { cellSpacing: 6 },
  textBlock: { headingLevel: 3 },
};

let configured = false;
let hostConfig;

function library() {
  const ac = window.AdaptiveCards;
  if (!ac || typeof ac.AdaptiveCard !== 'function') {
    throw new Error('The Adaptive Cards renderer (/vendor/adaptivecards.js) did not load.');
  }
  if (!configured) {
    ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = renderMarkdown(text);
      result.didProcess = true;
    };
    hostConfig = new ac.HostConfig(HOST_CONFIG);
    configured = true;
  }
  return ac;
}

/**
 * Parses and renders one card. `onSubmit(data, title)` runs for Action.Submit buttons;
 * Action.OpenUrl opens http(s) links in a new tab. Returns the rendered element, or throws
 * with the renderer's parse problems.
 */
export function renderCard(json, onSubmit) {
  const ac = library();
  const card = new ac.AdaptiveCard();
  card.hostConfig = hostConfig;
  const context = new ac.SerializationContext();
  card.parse(json, context);
  // Unknown elements are skipped by the renderer; keep the reasons for whoever debugs the card.
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  if (problems.length) console.warn('Adaptive Card parse warnings:', problems);
  card.onExecuteAction = (action) => {
    if (action instanceof ac.SubmitAction) {
      onSubmit(action.data ?? {}, action.title ?? '');
    } else if (action instanceof ac.OpenUrlAction) {
      const url = String(action.url ?? '');
      if (/^https?:\/\//i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    } else {
      // Action.Execute needs Teams' invoke round trip, which this page does not speak.
      console.warn(`Card action ${action.getJsonTypeName()} is not supported on this page.`);
    }
  };
  const element = card.render();
  if (!element) throw new Error(`The card could not be rendered${problems.length ? `: ${problems.join('; ')}` : '.'}`);
  return element;
}
