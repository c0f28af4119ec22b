// Baseline: a bare exceljs load of the same workbook, nothing else.
'use strict';
const ExcelJS = require('exceljs');
new ExcelJS.Workbook().xlsx.readFile(process.argv[2]).then(() => process.exit(0));
