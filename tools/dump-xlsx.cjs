const ExcelJS=require('exceljs');
(async()=>{for(const f of process.argv.slice(2)){const wb=new ExcelJS.Workbook();await wb.xlsx.readFile(f);console.log('#####',f);
wb.eachSheet(ws=>{console.log('== sheet',ws.name,ws.dimensions&&ws.dimensions.range,'merges',JSON.stringify(ws.model.merges));
ws.eachRow({includeEmpty:false},(row,r)=>{const cells=[];row.eachCell({includeEmpty:false},(c)=>{let v=c.value;if(v&&typeof v==='object')v=JSON.stringify(v);cells.push(c.address+'='+JSON.stringify(v)+(c.numFmt&&c.numFmt!=='General'?'['+c.numFmt+']':''));});console.log(r+': '+cells.join(' | '));});});}})();
