// The payment form: sums the basket items ticked and says how much of the amount they take and what
// is left as credit. Only a help while typing: the server decides (it refuses items costing more than the amount).
(function () {
    'use strict';
    var form = document.getElementById('payment-form');
    if (!form) {
        return;
    }

    var decimals = parseInt(form.getAttribute('data-decimals') || '2', 10);
    var currency = form.getAttribute('data-currency') || '';
    var amountInput = form.querySelector('[data-payment-amount]');
    var output = form.querySelector('[data-allocation]');
    var scale = Math.pow(10, decimals);

    function minor(text) {
        var value = parseFloat(String(text || '').replace(/\s/g, ''));
        return isFinite(value) ? Math.round(value * scale) : null;
    }

    function show(units) {
        return (units / scale).toFixed(decimals) + ' ' + currency;
    }

    function update() {
        var allocated = 0;
        form.querySelectorAll('input[name="ItemIds"]:checked').forEach(function (box) {
            allocated += minor(box.getAttribute('data-price')) || 0;
        });
        var amount = minor(amountInput && amountInput.value);
        if (amount === null) {
            output.textContent = 'Allocated ' + show(allocated) + '. Enter the amount to see the credit left.';
            output.classList.remove('text-danger');
            return;
        }

        var rest = amount - allocated;
        output.textContent = rest < 0
            ? 'Allocated ' + show(allocated) + ': ' + show(-rest) + ' more than the amount.'
            : 'Allocated ' + show(allocated) + ', remaining credit ' + show(rest) + '.';
        output.classList.toggle('text-danger', rest < 0);
    }

    form.addEventListener('change', update);
    if (amountInput) {
        amountInput.addEventListener('input', update);
    }

    update();
}());
