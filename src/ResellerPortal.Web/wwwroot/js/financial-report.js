// The financial report's charts: one per currency, from the JSON block beside each canvas (the page's CSP
// allows no inline script). Charges and payments are bars, the margin a line; the table below has the numbers.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }
    document.querySelectorAll('canvas[data-financial-chart]').forEach(function (canvas) {
        var currency = canvas.getAttribute('data-financial-chart');
        var block = document.querySelector('script[data-financial-data="' + currency + '"]');
        if (!block) {
            return;
        }
        var data = JSON.parse(block.textContent);
        new Chart(canvas, {
            data: {
                labels: data.labels,
                datasets: [
                    { type: 'bar', label: 'Charges', data: data.charges, backgroundColor: '#0d6efd', order: 2 },
                    { type: 'bar', label: 'Payments', data: data.payments, backgroundColor: '#20c997', order: 3 },
                    { type: 'line', label: 'Margin', data: data.margin, borderColor: '#fd7e14', backgroundColor: '#fd7e14', tension: 0.2, order: 1 }
                ]
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, title: { display: true, text: data.currency } } },
                plugins: { legend: { position: 'bottom' } }
            }
        });
        canvas.setAttribute('data-rendered', 'true');
    });
})();
