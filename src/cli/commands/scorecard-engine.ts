/** What the scorecard commands use of the toolkit, in one module they load on use. */
export { cellBin, compileScorecard, MAX_REASONS, scoreBins, scoredRows } from '../../core/scorecard/compile-model.js';
export { isSecondHeader, targetOf } from '../../core/scorecard/dataset.js';
export { calibration, discrimination } from '../../core/scorecard/metrics.js';
export { checkModel } from '../../core/scorecard/model-format.js';
export { renderModelCard } from '../../core/scorecard/model-card.js';
export { monitorScorecard } from '../../core/scorecard/monitor.js';
export { trainScorecard } from '../../core/scorecard/train-scorecard.js';
